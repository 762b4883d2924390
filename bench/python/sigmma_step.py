"""bench/run.sh step and parity: the platform's training step against sigmma_ref.py."""
import json
import os
import statistics
import subprocess
import time

import torch

import sigmma_ref as ref

TERMS = ["loss", "loss micro", "loss meso", "loss macro", "keep meso", "keep macro", "grad norm"]
TOL = 1e-4


def parity(args, java_cmd):
    d = os.path.join(args.work, "parity")
    cmd = java_cmd + ["org.sigmma.model.bench.StepBenchMain", "parity", str(args.threads), args.step_config, d]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(d, "parity.json")) as f:
        meta = json.load(f)
    config = json.loads(meta["config"])
    params = ref.load_params(os.path.join(d, "params"))
    model = ref.Sigmma(params, config)
    trainable = [v for k, v in params.items() if v.requires_grad]
    opt = ref.DjlAdamW(trainable, meta["weightDecay"])
    batch = ref.batch_tensors(ref.read_dir(os.path.join(d, "batch0")))
    u = ref.read_dir(os.path.join(d, "uniforms"))
    before = ref.train_step(model, opt, batch, meta["tau"], meta["lr"], u["meso"], u["macro"])
    after_java = ref.load_params(os.path.join(d, "params_after"))
    worst = max(((after_java[k] - v.detach()).abs().max().item(), k) for k, v in params.items())
    with torch.no_grad():
        after = [t.item() for t in model.loss(batch, meta["tau"], u["meso"], u["macro"])]
    print(f"  parity (1 batch of {config['batchSize']} tiles, N = {meta['cells']}, SmallCnn backbone, "
          f"given edge-sample uniforms, AdamW step at lr {meta['lr']}):")
    ok = True
    print(f"  {'term':<12} {'platform':>12} {'reference':>12} {'|diff|':>10}")
    for label, j, p in (("before", meta["before"], before), ("after", meta["after"], after)):
        for i, name in enumerate(TERMS):
            if i >= len(p) or (label == "after" and i == 6):
                continue
            diff = abs(j[i] - p[i])
            tol = TOL if i < 6 else TOL * max(1.0, abs(j[i]))
            ok &= diff <= tol
            print(f"  {label + ' ' + name:<22} {j[i]:>12.6f} {p[i]:>12.6f} {diff:>10.2e}{'' if diff <= tol else '  <-- over'}")
    print(f"  weights after the step: largest |platform - reference| {worst[0]:.2e} ({worst[1]})")
    print(f"  parity {'OK' if ok else 'FAILED'} (tolerance {TOL} on the losses and keep rates)", flush=True)
    diff_before = abs(meta["before"][0] - before[0])
    diff_after = abs(meta["after"][0] - after[0])
    return ok, {"loss_before": (meta["before"][0], before[0]), "loss_after": (meta["after"][0], after[0]),
                "max_diff": max(diff_before, diff_after), "max_weight_diff": worst[0]}


def timing(args, java_cmd, JavaSide, loadavg):
    d = os.path.join(args.work, "step")
    java = JavaSide(java_cmd + ["org.sigmma.model.bench.StepBenchMain", "step", str(args.threads),
                                args.step_config, d])
    try:
        with open(os.path.join(d, "meta.json")) as f:
            meta = json.load(f)
        config = json.loads(meta["config"])
        params = ref.load_params(os.path.join(d, "params"))
        model = ref.Sigmma(params, config)
        opt = ref.DjlAdamW([v for v in params.values() if v.requires_grad], config["weightDecay"])
        batches = [ref.batch_tensors(ref.read_dir(os.path.join(d, f"batch{i}"))) for i in range(meta["batches"])]
        done = [0]

        def py_steps(k):
            out = []
            for _ in range(k):
                c0, t0 = time.process_time(), time.perf_counter()
                ref.train_step(model, opt, batches[done[0] % len(batches)], meta["tau"], config["learningRate"])
                out.append((time.perf_counter() - t0, time.process_time() - c0))
                done[0] += 1
            return out

        def java_steps(k):
            line = java.ask(f"steps {k}").split()
            return [tuple(float(v) for v in s.split(":")) for s in line[1:] if ":" in s]

        java_steps(2)  # warm-up: first steps allocate, JIT and libtorch lazily initialise
        py_steps(2)
        jw, pw, jc, pc, loads = [], [], [], [], []
        for r in range(args.rounds):
            loads.append(loadavg())
            j = java_steps(args.steps)
            p = py_steps(args.steps)
            jw += [t for t, _ in j]
            jc += [c for _, c in j]
            pw += [t for t, _ in p]
            pc += [c for _, c in p]
            print(f"  step round {r + 1}: platform {statistics.median([t for t, _ in j]):.3f} s/step, "
                  f"reference {statistics.median([t for t, _ in p]):.3f} s/step", flush=True)
        return {
            "task": "training step", "size": f"B={config['batchSize']}, N={meta['cells']}, "
                                             f"k={config['candidatesK']}, CNN {config['cnnChannels']} on "
                                             f"{config['cropSize']} px",
            "platform_s": statistics.median(jw), "reference_s": statistics.median(pw),
            "platform_cpu_s": statistics.median(jc), "reference_cpu_s": statistics.median(pc),
            "ratio": statistics.median(jw) / statistics.median(pw), "threads": args.threads,
            "load": statistics.median(loads), "rounds": args.rounds, "steps_per_round": args.steps,
            "reference": f"bench/python/sigmma_ref.py (torch {torch.__version__})",
        }
    finally:
        java.close()


def run(args, java_cmd, JavaSide):
    from bench import loadavg
    rows = []
    ok = True
    pr = None
    if args.what in ("parity", "step", "all"):
        ok, pr = parity(args, java_cmd)
    if args.what in ("step", "all"):
        row = timing(args, java_cmd, JavaSide, loadavg)
        row["check"] = (f"parity {'OK' if ok else 'FAILED'}: loss {pr['loss_before'][0]:.5f} vs "
                        f"{pr['loss_before'][1]:.5f}, after a step {pr['loss_after'][0]:.5f} vs "
                        f"{pr['loss_after'][1]:.5f}")
        rows.append(row)
    return {"rows": rows, "parity_ok": ok, "parity": pr}
