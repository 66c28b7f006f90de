/// The Python side of `gputrain bench --compare`, run as `python3 - CONFIG_JSON` with this text on stdin, so the
/// binary stays self-contained. It follows the project's reference harness (`gemm_numpy.py`, `mlp_anchor.py`):
/// OpenBLAS (numpy's own) pinned to the CPU backend's thread count through ctypes; each GEMM one warm-up call,
/// then rounds of back-to-back timed calls (≈0.25 s a round, 3…200 calls, 1 when a call is over a second),
/// median and best; MLP epochs one warm-up epoch then timed ones with a 0.3 s pause before each; the tiny
/// Titanic run one warm-up repetition then timed ones, a fresh model each. With `cuda`, PyTorch on the GPU
/// too (fp32, TF32 off, data resident, each timing ended by a synchronize). It prints one JSON object.
enum BenchReferenceScript {
    static let text = #"""
import ctypes, glob, gzip, json, os, statistics, sys, time

cfg = json.loads(sys.argv[1])
threads, rounds = cfg["threads"], cfg["rounds"]
out = {"python": sys.version.split()[0]}
try:
    import numpy as np
except Exception as e:
    print(json.dumps({"error": "numpy is not importable: %s" % e}))
    sys.exit(0)
out["numpy"] = np.__version__

# numpy's bundled OpenBLAS, pinned to `threads` as gemm_numpy.py does (OPENBLAS_NUM_THREADS is set too).
out["threads"] = None
libs = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "libscipy_openblas*.so"))
if libs:
    lib = ctypes.CDLL(libs[0])
    for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads"):
        if hasattr(lib, name):
            getattr(lib, name)(threads)
            out["threads"] = threads
            break
    get_config = getattr(lib, "scipy_openblas_get_config64_", None) or getattr(lib, "openblas_get_config", None)
    if get_config is not None:
        get_config.restype = ctypes.c_char_p
        out["blas"] = get_config().decode()

torch = None
out["torch"] = "not installed"
if cfg.get("torch", True):
    try:
        import torch
        torch.set_num_threads(threads)
        out["torch"] = torch.__version__
    except ImportError:
        torch = None
    except Exception as e:
        torch = None
        out["torch"] = "unusable: %s" % e

# PyTorch on CUDA (cfg "cuda"), the reference for GPU devices: fp32 without TF32, as the speed issue's
# cuBLAS and PyTorch figures were measured. Every CUDA timing ends in torch.cuda.synchronize().
cuda = None
if torch is not None and cfg.get("cuda"):
    try:
        if torch.cuda.is_available():
            torch.backends.cuda.matmul.allow_tf32 = False
            torch.backends.cudnn.allow_tf32 = False
            cuda = torch.device("cuda")
            out["cuda"] = torch.cuda.get_device_name(0)
        else:
            out["cuda_error"] = "torch.cuda.is_available() is False"
    except Exception as e:
        out["cuda_error"] = "%s: %s" % (type(e).__name__, e)

perf = time.perf_counter


def time_calls(f):
    t0 = perf(); f(); warm = perf() - t0
    est = warm
    if warm < 2:
        t0 = perf(); f(); est = perf() - t0
    reps = 1 if est > 1 else max(3, min(200, int(0.25 / max(est, 1e-7))))
    ts = []
    for _ in range(rounds):
        for _ in range(reps):
            t0 = perf(); f(); ts.append(perf() - t0)
    return {"median_s": statistics.median(ts), "best_s": min(ts), "timed": len(ts), "warmup_s": warm}


def summary(ts, warm):
    return {"median_s": statistics.median(ts), "best_s": min(ts), "timed": len(ts), "warmup_s": warm}


def time_repeats(f, n, pause=0.0):
    """One warm-up call f(0), then n timed calls f(1) .. f(n), each after `pause` seconds."""
    t0 = perf(); f(0); warm = perf() - t0
    ts = []
    for r in range(1, n + 1):
        if pause:
            time.sleep(pause)
        t0 = perf(); f(r); ts.append(perf() - t0)
    return summary(ts, warm)


# ---------------- GEMM: np.matmul into a preallocated C; transposes are views (BLAS trans flags) ----------------
if cfg.get("gemm"):
    rng = np.random.default_rng(0)
    res = []
    for (m, k, n, v) in cfg["gemm"]:
        A = rng.standard_normal((k, m) if v == "TN" else (m, k), dtype=np.float32)
        B = rng.standard_normal((n, k) if v == "NT" else (k, n), dtype=np.float32)
        a = A.T if v == "TN" else A
        b = B.T if v == "NT" else B
        C = np.empty((m, n), dtype=np.float32)
        r = time_calls(lambda: np.matmul(a, b, out=C))
        r.update({"m": m, "k": k, "n": n, "variant": v})
        res.append(r)
    out["gemm"] = res

# ---------------- GEMM on CUDA: torch.mm (cuBLAS) into a preallocated C, transposes as views ----------------
if cuda is not None and cfg.get("cudaGemm"):
    res = []
    for (m, k, n, v) in cfg["cudaGemm"]:
        A = torch.randn((k, m) if v == "TN" else (m, k), device=cuda)
        B = torch.randn((n, k) if v == "NT" else (k, n), device=cuda)
        a = A.t() if v == "TN" else A
        b = B.t() if v == "NT" else B
        C = torch.empty((m, n), device=cuda)

        def call():
            torch.mm(a, b, out=C)
            torch.cuda.synchronize()

        r = time_calls(call)
        r.update({"m": m, "k": k, "n": n, "variant": v})
        res.append(r)
    out["cuda_gemm"] = res


# ---------------- MLP: mlp_anchor.py's hand-written numpy step, batch 256, SGD momentum 0.9 ----------------
LR, MU = np.float32(0.05), np.float32(0.9)


class NumpyMLP:
    def __init__(self, d, h, c, seed=0):
        rng = np.random.default_rng(seed)
        self.p = [rng.standard_normal((d, h), dtype=np.float32) * np.float32(np.sqrt(2.0 / d)),
                  np.zeros(h, np.float32),
                  rng.standard_normal((h, c), dtype=np.float32) * np.float32(np.sqrt(1.0 / h)),
                  np.zeros(c, np.float32)]
        self.v = [np.zeros_like(w) for w in self.p]

    def step(self, X, y):
        W1, b1, W2, b2 = self.p
        B = X.shape[0]
        hpre = X @ W1 + b1
        a = np.maximum(hpre, 0)
        z = a @ W2 + b2
        z -= z.max(axis=1, keepdims=True)
        ez = np.exp(z)
        p = ez / ez.sum(axis=1, keepdims=True)
        loss = -np.log(p[np.arange(B), y] + np.float32(1e-12)).mean()
        dz = p
        dz[np.arange(B), y] -= 1
        dz /= np.float32(B)
        gW2 = a.T @ dz
        gb2 = dz.sum(axis=0)
        da = dz @ W2.T
        da *= (hpre > 0)
        gW1 = X.T @ da
        gb1 = da.sum(axis=0)
        for w, v, g in zip(self.p, self.v, (gW1, gb1, gW2, gb2)):
            v *= MU; v += g; w -= LR * v
        return float(loss)


def read_idx(folder, stem, kind, header):
    for sep in ("-", "."):
        for gz in ("", ".gz"):
            path = os.path.join(folder, stem + sep + kind + gz)
            if os.path.exists(path):
                with (gzip.open(path, "rb") if gz else open(path, "rb")) as f:
                    return np.frombuffer(f.read(), dtype=np.uint8, offset=header)
    raise FileNotFoundError("no %s in %s" % (stem, folder))


def mnist_data(spec):
    if spec.get("folder"):
        X = read_idx(spec["folder"], "train-images", "idx3-ubyte", 16).reshape(-1, 784).astype(np.float32) / np.float32(255)
        y = read_idx(spec["folder"], "train-labels", "idx1-ubyte", 8).astype(np.int64)
        return X, y
    rng = np.random.default_rng(1)
    X = rng.standard_normal((60000, 784), dtype=np.float32)
    y = np.argmax(X @ rng.standard_normal((784, 10), dtype=np.float32), axis=1).astype(np.int64)
    return X, y


if cfg.get("mlp"):
    spec = cfg["mlp"]
    try:
        X, y = mnist_data(spec)
        N, BS, epochs = X.shape[0], 256, spec["epochs"]
        res = {"rows": N}
        model = NumpyMLP(784, 256, 10)
        rng = np.random.default_rng(5)

        def numpy_epoch():
            perm = rng.permutation(N)
            loss = 0.0
            for i in range(0, N, BS):
                idx = perm[i:i + BS]
                loss = model.step(X[idx], y[idx])
            return loss

        res["numpy"] = time_repeats(lambda _: numpy_epoch(), epochs, pause=0.3)
        def torch_epoch_on(dev):
            """An epoch of PyTorch's loop with the data set, the model and the shuffle on `dev`; on CUDA
            nothing crosses PCIe inside it and it ends with a synchronize."""
            torch.manual_seed(0)
            m = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).to(dev)
            opt = torch.optim.SGD(m.parameters(), lr=float(LR), momentum=float(MU))
            Xt, yt = torch.from_numpy(np.ascontiguousarray(X)).to(dev), torch.from_numpy(y).to(dev)
            gen = torch.Generator(device=dev).manual_seed(5)

            def epoch(_):
                perm = torch.randperm(N, generator=gen, device=dev)
                for i in range(0, N, BS):
                    idx = perm[i:i + BS]
                    opt.zero_grad(set_to_none=True)
                    loss = torch.nn.functional.cross_entropy(m(Xt[idx]), yt[idx])
                    loss.backward()
                    opt.step()
                if dev is cuda:
                    torch.cuda.synchronize()
            return epoch

        if torch is not None:
            res["torch"] = time_repeats(torch_epoch_on(torch.device("cpu")), epochs, pause=0.3)
        if cuda is not None:
            res["torch_cuda"] = time_repeats(torch_epoch_on(cuda), epochs, pause=0.3)
        out["mlp"] = res
    except Exception as e:
        out["mlp"] = {"error": "%s: %s" % (type(e).__name__, e)}


# ---------------- Titanic: 100 full-batch epochs of 12 -> 20 ReLU -> 1 (BCE), validation each epoch ----------------
if cfg.get("titanic"):
    t = cfg["titanic"]
    ntrain, nvalid, d, h, epochs, reps = t["train"], t["valid"], t["features"], t["hidden"], t["epochs"], t["runs"]
    rng = np.random.default_rng(2)
    X = rng.random((ntrain, d), dtype=np.float32)
    y = (rng.random(ntrain) < 0.4).astype(np.float32)
    Xv = rng.random((nvalid, d), dtype=np.float32)
    yv = (rng.random(nvalid) < 0.4).astype(np.float32)

    def bce(z, y):
        return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))

    def numpy_run(seed):
        r = np.random.default_rng(seed)
        W1 = r.uniform(-1 / np.sqrt(d), 1 / np.sqrt(d), (d, h)).astype(np.float32)
        b1 = np.zeros(h, np.float32)
        W2 = r.uniform(-1 / np.sqrt(h), 1 / np.sqrt(h), (h, 1)).astype(np.float32)
        b2 = np.zeros(1, np.float32)
        p = [W1, b1, W2, b2]
        v = [np.zeros_like(w) for w in p]
        lr = np.float32(0.1)
        for _ in range(epochs):
            W1, b1, W2, b2 = p
            hpre = X @ W1 + b1
            a = np.maximum(hpre, 0)
            z = (a @ W2 + b2)[:, 0]
            loss = bce(z, y).mean()
            dz = ((1 / (1 + np.exp(-z)) - y) / np.float32(ntrain))[:, None].astype(np.float32)
            gW2 = a.T @ dz
            gb2 = dz.sum(axis=0)
            da = dz @ W2.T
            da *= (hpre > 0)
            gW1 = X.T @ da
            gb1 = da.sum(axis=0)
            for w, vv, g in zip(p, v, (gW1, gb1, gW2, gb2)):
                vv *= MU; vv += g; w -= lr * vv
            zv = (np.maximum(Xv @ p[0] + p[1], 0) @ p[2] + p[3])[:, 0]
            vloss, acc = bce(zv, yv).mean(), ((zv > 0) == (yv > 0.5)).mean()
        return float(loss)

    res = {}
    res["numpy"] = time_repeats(numpy_run, reps)
    def torch_run_on(dev):
        """A run of PyTorch's loop with the data and the model on `dev`, a fresh model each seed."""
        Xt, yt, Xvt, yvt = (torch.from_numpy(a).to(dev) for a in (X, y, Xv, yv))

        def run(seed):
            torch.manual_seed(seed)
            m = torch.nn.Sequential(torch.nn.Linear(d, h), torch.nn.ReLU(), torch.nn.Linear(h, 1)).to(dev)
            opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=float(MU))
            lossf = torch.nn.functional.binary_cross_entropy_with_logits
            for _ in range(epochs):
                opt.zero_grad(set_to_none=True)
                loss = lossf(m(Xt)[:, 0], yt)
                loss.backward()
                opt.step()
                with torch.no_grad():
                    zv = m(Xvt)[:, 0]
                    vloss, acc = lossf(zv, yvt), ((zv > 0) == (yvt > 0.5)).float().mean()
            return float(loss.detach())   # on CUDA, waits for the GPU
        return run

    if torch is not None:
        res["torch"] = time_repeats(torch_run_on(torch.device("cpu")), reps)
    if cuda is not None:
        res["torch_cuda"] = time_repeats(torch_run_on(cuda), reps)
    out["titanic"] = res

print(json.dumps(out))
"""#
}
