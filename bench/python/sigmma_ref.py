"""The SIGMMA model of docs/method.md written directly in PyTorch: the reference for the
platform's DJL implementation (model/, org.sigmma.model.net.SigmmaNet) in bench/run.sh step and parity.

The model is written as functions over a dict of named tensors, whose names are the platform's
parameter names without DJL's ordinal prefixes ("01he_01backbone_01conv0_weight" -> he.backbone.conv0.weight),
so that the platform's initial weights load one to one. Inputs are the platform's padded batch arrays
(org.sigmma.model.data.Batch). The optimizer is AdamW with DJL's update rule (bias correction folded into
the learning rate, epsilon added to the uncorrected sqrt(v); decoupled decay lr * wd * w).
"""
import json
import math
import os
import re

import numpy as np
import torch
import torch.nn.functional as F

SCALES = ("Micro", "Meso", "Macro")
CROP_RANGES = ((0, 16), (16, 20), (20, 21))
MASKED_LOGIT = -1e9
WEIGHT_FLOOR = 1e-6
NORM_EPS = 1e-8
U_EPS = 1e-6


def read_dir(path):
    """Arrays written by StepBenchMain.ArrayDir: {name: tensor}."""
    with open(os.path.join(path, "index.json")) as f:
        index = json.load(f)
    out = {}
    for name, e in index.items():
        a = np.fromfile(os.path.join(path, e["file"]), dtype=np.dtype(e["dtype"]).newbyteorder("<"))
        out[name] = torch.from_numpy(a.astype(a.dtype.newbyteorder("="))).reshape(e["shape"])
    return out


def param_name(djl):
    return ".".join(re.sub(r"^\d\d", "", part) for part in djl.split("_"))


def load_params(path):
    """Platform parameters by reference name; trainable ones require gradients."""
    params = {}
    for k, v in read_dir(path).items():
        name = param_name(k)
        t = v.clone().float()
        if not (name.endswith("runningMean") or name.endswith("runningVar")):
            t.requires_grad_(True)
        params[name] = t
    return params


class Sigmma:
    """Forward pass and loss of the full model (backbone "cnn", model "sigmma", all three scales)."""

    def __init__(self, params, config):
        self.p = params
        self.c = config
        self.layers = len(config["cnnChannels"])
        # HeEncoder: x * (1 / (255 std)) - mean / std, per channel, as float32
        std, mean = np.float32(0.25), np.float32(0.5)
        self.pixel_scale = torch.tensor(np.float32(1) / (np.float32(255) * std))
        self.pixel_shift = torch.tensor(mean / std)

    def linear(self, x, name, bias=True):
        return F.linear(x, self.p[name + ".weight"], self.p[name + ".bias"] if bias else None)

    def mlp(self, x, name):
        return self.linear(F.relu(self.linear(x, name + ".fc1")), name + ".fc2")

    # ---- HE encoder f: multi-crop, per-scale mean of projected crop features
    def he(self, crops):
        b, m, _, s, _ = crops.shape
        x = crops.reshape(b * m, 3, s, s).float() * self.pixel_scale - self.pixel_shift
        for i in range(self.layers):
            x = F.conv2d(x, self.p[f"he.backbone.conv{i}.weight"], padding=1)
            bn = f"he.backbone.bn{i}."
            x = F.batch_norm(x, self.p[bn + "runningMean"], self.p[bn + "runningVar"], self.p[bn + "gamma"],
                             self.p[bn + "beta"], training=True, momentum=0.1, eps=1e-5)
            x = F.relu(x)
            if i < self.layers - 1:
                x = F.max_pool2d(x, 2, 2)
        feats = x.flatten(2).mean(2).reshape(b, m, -1)
        return [self.mlp(feats[:, lo:hi], "he.proj" + SCALES[s]).mean(1) for s, (lo, hi) in enumerate(CROP_RANGES)]

    # ---- ST encoder g: GraphSAGE per scale, relaxed-Bernoulli edge addition, gated attention pooling
    def sage(self, name, h, neighbour_mean):
        return F.relu(self.linear(h, name + ".self") + self.linear(neighbour_mean, name + ".neigh", bias=False))

    @staticmethod
    def gather_rows(h, index, slots):
        b, n, d = h.shape
        return h.reshape(b * n, d)[index].reshape(b, n, slots, d)

    @staticmethod
    def weighted_sum(w, rows):
        return (rows * w.unsqueeze(3)).sum(2)

    @staticmethod
    def weighted_mean(total, weight):
        return total / weight.clamp_min(WEIGHT_FLOOR).unsqueeze(2)

    def scorer(self, name, h, index, slots):
        b, n, _ = h.shape
        own = self.linear(h, name + ".a").unsqueeze(2)
        other = self.gather_rows(self.linear(h, name + ".b", bias=False), index, slots)
        return self.linear(F.relu(other + own), name + ".out").reshape(b, n, slots)

    @staticmethod
    def relaxed_bernoulli(logits, tau, u):
        return torch.sigmoid((logits + (torch.log(u) - torch.log(1 - u))) / tau)

    def pool(self, name, h, mask):
        b, n, _ = h.shape
        logits = self.linear(h, name + ".gate").reshape(b, n)
        logits = logits * mask + (mask - 1) * -MASKED_LOGIT
        w = torch.softmax(logits, 1) * mask
        return (self.linear(h, name + ".nn") * w.unsqueeze(2)).sum(1)

    def st(self, g, tau, u_meso, u_macro):
        mask = g["mask"]
        cell = mask.unsqueeze(2)
        adj = g["adjacency"]
        km, kx = g["mesoMask"].shape[2], g["macroMask"].shape[2]
        deg_micro = adj.sum(2)
        x = g["features"]
        h0 = self.sage("st.sageMicro", x, self.weighted_mean(adj @ x, deg_micro)) * cell
        logit_meso = self.scorer("st.scorerMeso", h0, g["mesoIndex"], km)
        p_meso = self.relaxed_bernoulli(logit_meso, tau, u_meso) * g["mesoMask"]
        msg = adj @ h0 + self.weighted_sum(p_meso, self.gather_rows(h0, g["mesoIndex"], km))
        h1 = self.sage("st.sageMeso", h0, self.weighted_mean(msg, deg_micro + p_meso.sum(2))) * cell
        logit_macro = self.scorer("st.scorerMacro", h1, g["macroIndex"], kx)
        p_macro = self.relaxed_bernoulli(logit_macro, tau, u_macro) * g["macroMask"]
        # a pair that is a candidate at both steps: kept when either sample keeps it
        meso_at_macro = torch.gather(p_meso, 2, g["macroMesoSlot"]) * g["macroInMeso"]
        joined = meso_at_macro + p_macro * (1 - meso_at_macro)
        meso_kept = p_meso * g["mesoOnly"]
        msg = (adj @ h1 + self.weighted_sum(meso_kept, self.gather_rows(h1, g["mesoIndex"], km))
               + self.weighted_sum(joined, self.gather_rows(h1, g["macroIndex"], kx)))
        deg = deg_micro + meso_kept.sum(2) + joined.sum(2)
        h2 = self.sage("st.sageMacro", h1, self.weighted_mean(msg, deg)) * cell
        z = [self.mlp(self.pool("st.pool" + SCALES[s], h, mask), "st.proj" + SCALES[s])
             for s, h in enumerate((h0, h1, h2))]
        return z, (logit_meso, logit_macro), (g["mesoMask"], g["macroMask"])

    # ---- loss: symmetric InfoNCE per scale with a learnable, capped logit scale; summed over scales
    def info_nce(self, zi, zs, log_scale):
        sims = F.normalize(zi, dim=1, eps=NORM_EPS) @ F.normalize(zs, dim=1, eps=NORM_EPS).t()
        logits = sims * torch.clamp(log_scale.exp(), max=self.c["maxLogitScale"])
        target = torch.arange(logits.shape[0])
        return (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target)) / 2

    def loss(self, batch, tau, u_meso, u_macro):
        """[total, micro, meso, macro, keep meso, keep macro] (total and terms as tensors)."""
        zi = self.he(batch["crops"])
        zs, logits, masks = self.st(batch, tau, u_meso, u_macro)
        per = [self.info_nce(zi[s], zs[s], self.p["logScale"][s]) for s in range(3)]
        keep = [(torch.sigmoid(l) * m).sum() / m.sum().clamp_min(1) for l, m in zip(logits, masks)]
        return [per[0] + per[1] + per[2]] + per + keep


class DjlAdamW:
    """AdamW as DJL 0.36's AdamW applies it (per parameter: m, v, then w -= lr*wd*w and
    w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)), over lists with torch._foreach."""

    def __init__(self, params, wd, b1=0.9, b2=0.999, eps=1e-8):
        self.params = params
        self.wd, self.b1, self.b2, self.eps = wd, b1, b2, eps
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]
        self.t = 0

    @torch.no_grad()
    def step(self, lr):
        self.t += 1
        grads = [p.grad for p in self.params]
        torch._foreach_mul_(self.m, self.b1)
        torch._foreach_add_(self.m, grads, alpha=1 - self.b1)
        torch._foreach_mul_(self.v, self.b2)
        torch._foreach_addcmul_(self.v, grads, grads, value=1 - self.b2)
        lr_bc = np.float32(lr * math.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t))
        torch._foreach_mul_(self.params, 1 - lr * self.wd)
        denom = torch._foreach_sqrt(self.v)
        torch._foreach_add_(denom, self.eps)
        torch._foreach_addcdiv_(self.params, self.m, denom, value=-float(lr_bc))

    def zero_grad(self):
        for p in self.params:
            p.grad = None


def batch_tensors(arrays):
    b = dict(arrays)
    for k in ("mesoIndex", "macroIndex", "macroMesoSlot"):
        b[k] = b[k].long()
    return b


def train_step(model, opt, batch, tau, lr, u_meso=None, u_macro=None):
    """One step as the platform's TrainingStep: forward, loss, backward, gradient norm, AdamW.
    Returns the host vector [loss, micro, meso, macro, keep meso, keep macro, grad norm]."""
    if u_meso is None:
        shape_m, shape_x = batch["mesoMask"].shape, batch["macroMask"].shape
        u_meso = torch.rand(shape_m) * (1 - 2 * U_EPS) + U_EPS
        u_macro = torch.rand(shape_x) * (1 - 2 * U_EPS) + U_EPS
    terms = model.loss(batch, tau, u_meso, u_macro)
    opt.zero_grad()
    terms[0].backward()
    sq = torch.stack([p.grad.square().sum() for p in opt.params]).sum()
    host = torch.stack([t.detach() for t in terms] + [sq]).tolist()
    host[6] = math.sqrt(host[6])
    opt.step(lr)
    return host


def phases(model, opt, batch, tau, k, lr=1e-4):
    """Median CPU seconds of a step's parts over k steps (the Java side's "phases" command)."""
    import time
    names = ["input", "he", "st", "loss", "backward", "update"]
    t = {n: [] for n in names}
    for _ in range(k):
        c0 = time.process_time()
        u_m = torch.rand(batch["mesoMask"].shape) * (1 - 2 * U_EPS) + U_EPS
        u_x = torch.rand(batch["macroMask"].shape) * (1 - 2 * U_EPS) + U_EPS
        c1 = time.process_time()
        zi = model.he(batch["crops"])
        c2 = time.process_time()
        zs, logits, masks = model.st(batch, tau, u_m, u_x)
        c3 = time.process_time()
        loss = sum(model.info_nce(zi[s], zs[s], model.p["logScale"][s]) for s in range(3))
        c4 = time.process_time()
        opt.zero_grad()
        loss.backward()
        c5 = time.process_time()
        opt.step(lr)
        c6 = time.process_time()
        for n, a, b in zip(names, [c0, c1, c2, c3, c4, c5], [c1, c2, c3, c4, c5, c6]):
            t[n].append(b - a)
    import statistics
    return {n: statistics.median(v) for n, v in t.items()}
