"""Options shared by the commands that load models."""

from __future__ import annotations

import argparse


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", metavar="FILE", help="YAML profile laid over the built-in pregnancy-ultrasound profile")
    parser.add_argument("--clip-model", metavar="NAME|local-dir:PATH|hf-hub:REPO", help="default: the profile's")
    parser.add_argument("--clip-pretrained", metavar="TAG|PATH", help="pretrained tag or weights file for a built-in model")
    parser.add_argument("--classifier", metavar="DIR", help="a trained PIU classifier head (head.json + head.safetensors)")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    parser.add_argument("--batch-size", type=int, default=32, help="micro-batch size for model calls")
