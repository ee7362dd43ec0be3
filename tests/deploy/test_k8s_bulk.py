"""Validate k8s/bulk/ (the Indexed Job of bulk extraction) offline, and check it against the
Deployment and the command line it runs."""

import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

from service import settings as settings_module
from service.bulk.shards import Shard
from service.cli import EXIT_ABORTED, EXIT_LINES_FAILED, EXIT_USAGE, build_parser

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "k8s"
BULK = K8S / "bulk"
KUBERNETES_VERSION = "1.31"
INDEX = "$(JOB_COMPLETION_INDEX)"
# Applied by hand (kubectl cp and merge need a running pod), not by the kustomization.
BY_HAND = {"archive-pod.yaml"}


def load(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def kustomization() -> dict:
    (doc,) = load(BULK / "kustomization.yaml")
    return doc


def manifests() -> list[tuple[str, dict]]:
    """Return (file name, object) for every manifest in k8s/bulk, the by-hand pod included."""
    names = [*kustomization()["resources"], *sorted(BY_HAND)]
    return [(name, doc) for name in names for doc in load(BULK / name)]


def only(kind: str) -> dict:
    found = [doc for name, doc in manifests() if doc["kind"] == kind and name not in BY_HAND]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def job_pod() -> dict:
    return only("Job")["spec"]["template"]["spec"]


def container() -> dict:
    (only_container,) = job_pod()["containers"]
    return only_container


def deployment() -> dict:
    (doc,) = [d for d in load(K8S / "deployment.yaml") if d["kind"] == "Deployment"]
    return doc


def mounts() -> dict[str, dict]:
    return {m["mountPath"]: m for m in container()["volumeMounts"]}


def test_every_manifest_is_listed_in_the_kustomization():
    on_disk = {p.name for p in BULK.glob("*.yaml")} - {"kustomization.yaml"}
    assert on_disk == set(kustomization()["resources"]) | BY_HAND
    assert kustomization()["namespace"] == "claimex"


@pytest.mark.parametrize(("name", "manifest"), manifests(),
                         ids=[f"{name}:{doc['kind']}" for name, doc in manifests()])
def test_manifest_validates_strictly(name, manifest):
    kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


def test_strict_validation_rejects_a_misspelt_job_field():
    job = only("Job")
    job["spec"]["backofLimitPerIndex"] = 3
    with pytest.raises(jsonschema.ValidationError):
        kubernetes_validate.validate(job, KUBERNETES_VERSION, strict=True)


def test_job_is_indexed_with_retries_per_index():
    spec = only("Job")["spec"]
    assert spec["completionMode"] == "Indexed"
    assert 1 <= spec["parallelism"] <= spec["completions"]
    assert spec["backoffLimitPerIndex"] >= 1
    assert job_pod()["restartPolicy"] == "Never"


def test_exit_codes_that_a_retry_cannot_change_fail_the_index_at_once():
    rules = only("Job")["spec"]["podFailurePolicy"]["rules"]
    failing = {code for rule in rules if rule["action"] == "FailIndex"
               for code in rule["onExitCodes"]["values"] if rule["onExitCodes"]["operator"] == "In"}
    assert failing == {EXIT_LINES_FAILED, EXIT_USAGE}
    assert EXIT_ABORTED not in failing  # the model or workers failed: a new pod resumes the shard
    assert all(rule["onExitCodes"]["containerName"] == container()["name"]
               for rule in rules if "onExitCodes" in rule)


def test_runs_the_deployments_image():
    (api,) = deployment()["spec"]["template"]["spec"]["containers"]
    assert container()["image"] == api["image"]


def parsed_command(index: int):
    """Return the container's command as the CLI parses it, with the index Kubernetes substitutes."""
    command = [part.replace(INDEX, str(index)) for part in container()["command"]]
    assert command[:2] == ["claimex", "extract"]
    return build_parser().parse_args(command[1:])


def test_each_pod_runs_its_own_shard_of_n_into_its_own_file():
    completions = only("Job")["spec"]["completions"]
    runs = [parsed_command(index) for index in range(completions)]
    assert [run.shard for run in runs] == [Shard(index, completions) for index in range(completions)]
    assert len({run.output for run in runs}) == completions
    assert all(INDEX in part for part in container()["command"] if part.startswith("/archive/output/"))


def test_input_is_read_only_and_output_is_on_the_archive_volume():
    run = parsed_command(0)
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in job_pod()["volumes"]
              if "persistentVolumeClaim" in v}
    source, output = mounts()["/archive/input"], mounts()["/archive/output"]
    assert run.source.startswith("/archive/input/") and source["readOnly"] is True
    assert str(run.output).startswith("/archive/output/") and not output.get("readOnly", False)
    assert claims[source["name"]] == claims[output["name"]] == only("PersistentVolumeClaim")["metadata"]["name"]
    assert "ReadWriteMany" in only("PersistentVolumeClaim")["spec"]["accessModes"]


def test_security_is_the_deployments():
    api_pod = deployment()["spec"]["template"]["spec"]
    (api,) = api_pod["containers"]
    assert job_pod()["securityContext"] == api_pod["securityContext"]
    assert container()["securityContext"] == api["securityContext"]
    assert container()["securityContext"]["readOnlyRootFilesystem"] is True
    assert container()["securityContext"]["runAsNonRoot"] is True
    assert job_pod()["automountServiceAccountToken"] is False
    volumes = {v["name"]: v for v in job_pod()["volumes"]}
    assert "emptyDir" in volumes[mounts()["/tmp"]["name"]]


def test_resources_and_settings():
    resources = container()["resources"]
    assert resources["requests"] and resources["limits"]
    assert resources["requests"] == resources["limits"]  # Guaranteed QoS
    env = {e["name"]: e["value"] for e in container()["env"]}
    fields = set(settings_module.Settings.__struct_fields__)
    assert all(name.removeprefix(settings_module.PREFIX).lower() in fields for name in env), env
    loaded = settings_module.load_settings(env)
    assert loaded.torch_threads <= int(resources["limits"]["cpu"])


def test_the_network_policy_shuts_the_bulk_pods_off():
    policy = only("NetworkPolicy")["spec"]
    labels = only("Job")["spec"]["template"]["metadata"]["labels"]
    assert policy["podSelector"]["matchLabels"].items() <= labels.items()
    assert set(policy["policyTypes"]) == {"Ingress", "Egress"}
    assert not policy.get("ingress") and not policy.get("egress")


def test_the_archive_pod_mounts_the_same_claim_with_the_same_security():
    (pod,) = load(BULK / "archive-pod.yaml")
    claims = [v["persistentVolumeClaim"]["claimName"] for v in pod["spec"]["volumes"] if "persistentVolumeClaim" in v]
    assert claims == [only("PersistentVolumeClaim")["metadata"]["name"]]
    assert pod["spec"]["securityContext"] == job_pod()["securityContext"]
    assert pod["spec"]["containers"][0]["securityContext"] == container()["securityContext"]
    assert pod["spec"]["containers"][0]["image"] == container()["image"]


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed")
def test_kustomize_builds_every_object():
    result = subprocess.run(["kubectl", "kustomize", str(BULK)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    built = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    assert len(built) == len(manifests()) - len(BY_HAND)
    assert all(doc["metadata"]["namespace"] == "claimex" for doc in built)
