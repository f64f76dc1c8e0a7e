"""The onnxruntime execution providers an OCR model runs on, for the requested device."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

CUDA = "CUDAExecutionProvider"
CPU = "CPUExecutionProvider"


def onnx_providers(device: str, available: list[str]) -> list[str]:
    """CUDA first (CPU as fallback) when `device` is a CUDA device and onnxruntime offers CUDA; else CPU alone."""
    if not device.startswith("cuda"):
        return [CPU]
    if CUDA in available:
        return [CUDA, CPU]
    log.warning("OCR runs on the CPU: device %s was asked for, but onnxruntime offers no %s "
                "(install onnxruntime-gpu matching the CUDA version)", device, CUDA)
    return [CPU]
