"""Validate the Kubernetes manifests in k8s/ offline.

kubernetes-validate ships the JSON schemas for each Kubernetes release in
its wheel, so strict validation (unknown fields fail) needs no network.
"""

import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml
from kubernetes_validate import utils as validate_utils

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "k8s"
KUBERNETES_VERSION = "1.31"
# The gate (ready) and the liveness check, as the service defines them.
READY_PATH, LIVE_PATH = "/readyz", "/healthz"
CONFIG_KEY = re.compile(r"CLAIMEX_[A-Z0-9_]+")


def kustomization() -> dict:
    """Return the parsed k8s/kustomization.yaml."""
    return yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))


def manifests() -> list[tuple[str, dict]]:
    """Return (file name, object) for every object in the kustomization's resources."""
    loaded = []
    for name in kustomization()["resources"]:
        text = (K8S / name).read_text(encoding="utf-8")
        loaded.extend((name, doc) for doc in yaml.safe_load_all(text) if doc)
    return loaded


def only(kind: str) -> dict:
    """Return the single object of `kind` among the manifests."""
    found = [doc for _, doc in manifests() if doc["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def container() -> dict:
    """Return the Deployment's claimex container."""
    containers = only("Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def resolve_port(port: int | str, ports: list[dict]) -> int:
    """Return the containerPort a numeric or named port refers to."""
    if isinstance(port, int):
        return port
    return next(p["containerPort"] for p in ports if p.get("name") == port)


def test_kustomization_resources_all_exist():
    resources = kustomization()["resources"]
    assert resources
    missing = [name for name in resources if not (K8S / name).is_file()]
    assert not missing, missing


def test_every_manifest_file_is_listed_in_the_kustomization():
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert on_disk == set(kustomization()["resources"])


def test_kustomization_adds_common_labels_without_touching_selectors():
    labels = kustomization()["labels"]
    assert any("app.kubernetes.io/part-of" in entry["pairs"] for entry in labels)
    assert all(entry.get("includeSelectors") is False for entry in labels)


def test_validator_schemas_ship_with_the_package():
    # validate() silently falls back to an older bundled schema set, so pin
    # that the exact version is there rather than whatever precedes it.
    shipped = {validate_utils.major_minor(v) for v in validate_utils.all_versions()}
    assert KUBERNETES_VERSION in shipped


@pytest.mark.parametrize(
    ("name", "manifest"),
    manifests(),
    ids=[f"{name}:{doc['kind']}" for name, doc in manifests()],
)
def test_manifest_validates_strictly(name, manifest):
    kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


def test_strict_validation_rejects_unknown_fields():
    # Guards the test above: a misspelt field must fail, not be ignored.
    deployment = only("Deployment")
    deployment["spec"]["template"]["spec"]["containers"][0]["readynessProbe"] = {}
    with pytest.raises(jsonschema.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_deployment_size_and_resources():
    deployment = only("Deployment")
    assert deployment["spec"]["replicas"] == 2
    resources = container()["resources"]
    assert resources["requests"] == {"cpu": "1", "memory": "1Gi"}
    assert resources["limits"] == {"cpu": "2", "memory": "2Gi"}
    assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= 30


def test_grace_period_covers_prestop_drain_and_shutdown_timeout():
    # The kubelet SIGKILLs at the grace period's end: the server's own deadline (which answers the
    # requests still running with a 503 problem) must come first, with time for the exit.
    from service.settings import load_settings
    settings = load_settings(only("ConfigMap")["data"])
    pre_stop = container()["lifecycle"]["preStop"]["sleep"]["seconds"]
    needed = pre_stop + settings.shutdown_drain_seconds + settings.shutdown_timeout_seconds
    assert only("Deployment")["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= needed + 5


def test_deployment_selector_matches_pod_labels():
    spec = only("Deployment")["spec"]
    selector = spec["selector"]["matchLabels"]
    assert selector.items() <= spec["template"]["metadata"]["labels"].items()


def test_pod_security_context_is_restricted():
    pod = only("Deployment")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False


def test_container_security_context_is_restricted():
    security = container()["securityContext"]
    assert security["runAsNonRoot"] is True
    assert security["runAsUser"] == 10001
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"] == {"drop": ["ALL"]}
    assert security["seccompProfile"] == {"type": "RuntimeDefault"}


def test_runs_as_the_dockerfile_user():
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER\s+(\d+)", dockerfile, flags=re.MULTILINE)
    assert users and int(users[-1]) == container()["securityContext"]["runAsUser"]


def test_tmp_is_a_writable_empty_dir():
    pod = only("Deployment")["spec"]["template"]["spec"]
    mounts = {m["mountPath"]: m["name"] for m in container()["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]


def test_probes_use_the_service_health_endpoints():
    c = container()
    assert c["startupProbe"]["httpGet"]["path"] == READY_PATH
    assert c["readinessProbe"]["httpGet"]["path"] == READY_PATH
    assert c["livenessProbe"]["httpGet"]["path"] == LIVE_PATH
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert resolve_port(c[probe]["httpGet"]["port"], c["ports"]) == 8000


def test_startup_probe_allows_a_sixty_second_start():
    probe = container()["startupProbe"]
    budget = probe.get("initialDelaySeconds", 0) + probe["periodSeconds"] * probe["failureThreshold"]
    assert budget >= 60


def test_container_starts_with_the_image_command():
    assert container()["command"] == ["claimex", "serve"]


def test_service_targets_the_container_port():
    service = only("Service")["spec"]
    assert service["type"] == "ClusterIP"
    (port,) = service["ports"]
    assert port["port"] == 80
    assert resolve_port(port["targetPort"], container()["ports"]) == 8000
    pod_labels = only("Deployment")["spec"]["template"]["metadata"]["labels"]
    assert service["selector"].items() <= pod_labels.items()


def test_config_map_holds_only_claimex_settings():
    data = only("ConfigMap")["data"]
    assert data
    assert all(CONFIG_KEY.fullmatch(key) for key in data), sorted(data)
    assert all(isinstance(value, str) for value in data.values())
    assert data["CLAIMEX_HOST"] == "0.0.0.0"
    assert int(data["CLAIMEX_PORT"]) == container()["ports"][0]["containerPort"]


def test_config_map_names_only_real_settings_with_valid_values():
    # load_settings ignores unknown CLAIMEX_* names, so a typo here would
    # silently leave the default in force.
    from service import settings
    data = only("ConfigMap")["data"]
    fields = set(settings.Settings.__struct_fields__)
    unknown = [key for key in data if key.removeprefix(settings.PREFIX).lower() not in fields]
    assert not unknown, unknown
    loaded = settings.load_settings(data)
    assert loaded.host == "0.0.0.0"
    assert loaded.workers == 1
    assert loaded.torch_threads <= int(container()["resources"]["limits"]["cpu"])


def test_container_reads_its_settings_from_the_config_map():
    refs = [source["configMapRef"]["name"] for source in container()["envFrom"]]
    assert refs == [only("ConfigMap")["metadata"]["name"]]


def test_hpa_scales_the_deployment_on_cpu():
    hpa = only("HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", only("Deployment")["metadata"]["name"])
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert hpa["spec"]["minReplicas"] >= 2


def test_pdb_keeps_one_pod_and_selects_the_deployment():
    pdb = only("PodDisruptionBudget")
    assert pdb["apiVersion"] == "policy/v1"
    assert pdb["spec"]["minAvailable"] == 1
    pod_labels = only("Deployment")["spec"]["template"]["metadata"]["labels"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed")
def test_kustomize_builds_every_object():
    result = subprocess.run(
        ["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    built = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    assert len(built) == len(manifests())
    namespaced = [doc for doc in built if doc["kind"] != "Namespace"]
    assert all(doc["metadata"]["namespace"] == "claimex" for doc in namespaced)


def pod_labels() -> dict:
    return only("Deployment")["spec"]["template"]["metadata"]["labels"]


def policy_rules() -> list[dict]:
    policy = only("NetworkPolicy")["spec"]
    assert policy["policyTypes"] == ["Ingress"]
    return policy["ingress"]


def rule_ports(rule: dict) -> set[int]:
    assert all(p["protocol"] == "TCP" for p in rule["ports"])
    return {resolve_port(p["port"], container()["ports"]) for p in rule["ports"]}


def metrics_port() -> int:
    return resolve_port("metrics", container()["ports"])


def test_network_policy_selects_the_deployment_pods():
    selector = only("NetworkPolicy")["spec"]["podSelector"]["matchLabels"]
    assert selector and selector.items() <= pod_labels().items()


def test_network_policy_admits_this_namespace_on_the_api_port_only():
    (rule,) = [r for r in policy_rules() if 8000 in rule_ports(r)]
    # A bare podSelector is this namespace's pods; an empty selector would be all of them, anywhere.
    assert rule["from"] == [{"podSelector": {}}]
    assert rule_ports(rule) == {8000}


def test_network_policy_admits_the_scraper_on_the_metrics_port_only():
    (rule,) = [r for r in policy_rules() if metrics_port() in rule_ports(r)]
    assert rule_ports(rule) == {metrics_port()}
    for peer in rule["from"]:
        # Both selectors in one peer: the scraper's pods in the monitoring namespace, not either.
        assert peer["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": "monitoring"}
        assert peer["podSelector"]["matchLabels"]


def test_network_policy_opens_no_port_to_everyone():
    rules = policy_rules()
    assert len(rules) == 2
    for rule in rules:
        # A rule without `from` or without `ports` admits every source or every port.
        assert rule.get("from") and rule.get("ports")
        assert not any("ipBlock" in peer for peer in rule["from"])
    covered = set().union(*(rule_ports(r) for r in rules))
    assert covered == {p["containerPort"] for p in container()["ports"]}


def test_metrics_are_served_apart_where_prometheus_looks():
    from service import settings
    loaded = settings.load_settings(only("ConfigMap")["data"])
    assert loaded.metrics_port == metrics_port() != loaded.port
    annotations = only("Deployment")["spec"]["template"]["metadata"]["annotations"]
    assert int(annotations["prometheus.io/port"]) == metrics_port()


def test_api_keys_secret_is_mounted_read_only_where_the_setting_points():
    from service import settings
    pod = only("Deployment")["spec"]["template"]["spec"]
    (volume,) = [v for v in pod["volumes"] if "secret" in v]
    secret = volume["secret"]
    assert secret["secretName"] == "claimex-api-keys"
    assert secret["optional"] is False  # no Secret: the pod waits, it never serves without keys
    # Readable by the owner (root) and the pod's fsGroup, not by others.
    assert secret["defaultMode"] & 0o337 == 0 and pod["securityContext"]["fsGroup"] == 10001
    (mount,) = [m for m in container()["volumeMounts"] if m["name"] == volume["name"]]
    assert mount["readOnly"] is True
    loaded = settings.load_settings(only("ConfigMap")["data"])
    assert loaded.api_keys_file == Path(mount["mountPath"])
