#!/usr/bin/env bash
# Formats the Swift sources with the committed .swift-format, then lints.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive Sources Tests Benchmarks/Sources 2>/dev/null || swift format format --in-place --recursive Sources Tests
swift format lint --recursive Sources Tests
