"""What compare_w2.py and loadtest_vs_wrk.py share: the W2 bodies written from a copy of
shared/bench, and stopping an `mlctl serve` they started."""
import collections, os, signal, subprocess, sys

W2 = collections.namedtuple("W2", "wb rel data single_body batch_body base")


def w2_setup(bench, port):
    """Changes into the bench folder `bench` (the servers start from it and its modules become
    importable) and writes the W2 bodies from the first 4000 rows of its score_X.npy. Returns the
    w2_serve_bench module, common.rel, the data folder, the two body files and the server's base URL."""
    sys.path.insert(0, bench)
    os.chdir(bench)
    import numpy as np
    import w2_serve_bench as wb
    from common import data_dir, rel

    d = data_dir(False)
    X = np.load(d / "score_X.npy", mmap_mode="r")[:4000]
    single_body, batch_body = wb.write_bodies(d, np.asarray(X))
    return W2(wb, rel, d, single_body, batch_body, f"http://127.0.0.1:{port}")


def stop_mlctl(proc):
    """SIGTERM, then SIGKILL if the server has not exited 20 s later."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
