#!/usr/bin/python3
"""Checks that deploy/compose.yaml and deploy/kubernetes/*.yaml parse as YAML and have the expected
shape (every Kubernetes document has apiVersion, kind, metadata.name; Deployments have probes).
Run: /usr/bin/python3 deploy/validate.py   (needs python3-yaml). Exit 0 when all is well."""
import glob
import os
import sys

import yaml

here = os.path.dirname(os.path.abspath(__file__))
problems = []

with open(os.path.join(here, "compose.yaml")) as f:
    compose = yaml.safe_load(f)
for name in ("postgres", "web", "worker", "gpu-worker"):
    if name not in compose.get("services", {}):
        problems.append(f"compose.yaml: service {name} missing")
gpu = compose["services"].get("gpu-worker", {})
if gpu.get("profiles") != ["gpu"]:
    problems.append("compose.yaml: gpu-worker must be under the 'gpu' profile")
devices = gpu.get("deploy", {}).get("resources", {}).get("reservations", {}).get("devices", [])
if not any(d.get("driver") == "nvidia" for d in devices):
    problems.append("compose.yaml: gpu-worker has no NVIDIA device reservation")

count = 0
for path in sorted(glob.glob(os.path.join(here, "kubernetes", "*.yaml"))):
    with open(path) as f:
        for doc in yaml.safe_load_all(f):
            if doc is None:
                continue
            count += 1
            where = f"{os.path.basename(path)} {doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
            for key in ("apiVersion", "kind", "metadata"):
                if key not in doc:
                    problems.append(f"{where}: no {key}")
            if doc.get("kind") == "Deployment":
                for c in doc["spec"]["template"]["spec"]["containers"]:
                    for probe in ("livenessProbe", "readinessProbe"):
                        if probe not in c:
                            problems.append(f"{where}: container {c['name']} has no {probe}")
                if "gpu" in doc["metadata"]["name"]:
                    limits = doc["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]
                    if "nvidia.com/gpu" not in limits:
                        problems.append(f"{where}: no nvidia.com/gpu limit")

for p in problems:
    print(p)
print(f"compose.yaml and {count} Kubernetes document(s) checked: {'OK' if not problems else 'PROBLEMS'}")
sys.exit(1 if problems else 0)
