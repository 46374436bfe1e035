"""scikit-learn's Barnes-Hut t-SNE on the points bench/tsne.sh wrote, with the same settings as deepfig's bench
(perplexity 30, 1000 iterations, PCA init, learning rate 'auto'). Prints one line per file. Debian's python3-sklearn."""
import sys, time
import numpy as np
from sklearn.manifold import TSNE, trustworthiness
from sklearn.neighbors import NearestNeighbors

for path in sys.argv[1:]:
    data = np.loadtxt(path, delimiter=",")
    labels, x = data[:, 0].astype(int), data[:, 1:]
    kwargs = dict(n_components=2, perplexity=30, init="pca", learning_rate="auto", method="barnes_hut",
                  random_state=42, n_jobs=2)
    try:
        tsne = TSNE(max_iter=1000, **kwargs)
    except TypeError:
        tsne = TSNE(n_iter=1000, **kwargs)
    start, cpu_start = time.perf_counter(), time.process_time()
    y = tsne.fit_transform(x)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    nn = NearestNeighbors(n_neighbors=7).fit(y).kneighbors(y, return_distance=False)[:, 1:]
    nh = (labels[nn] == labels[:, None]).mean()
    data_set = path.rsplit("points-", 1)[1].rsplit("-", 1)[0]
    print(f"sklearn          data={data_set} N={len(x)} seconds={seconds:.1f} cpu_seconds={cpu:.1f} kl={tsne.kl_divergence_:.3f} "
          f"trustworthiness={trustworthiness(x, y, n_neighbors=5):.4f} nh={nh:.3f}", flush=True)
