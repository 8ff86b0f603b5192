"""Exact k-nearest neighbours of every row by brute force in numpy, the way imbalanced-learn's SMOTE
searches with scikit-learn's brute algorithm: |a|^2 + |b|^2 - 2 a.b with the products from BLAS,
1024 rows at a time. Usage: knn_reference.py ROWS DIMENSION K; prints seconds=… for the search alone.
"""
import sys
import time

import numpy as np

rows, dimension, k = (int(value) for value in sys.argv[1:4])
X = np.random.default_rng(0).standard_normal((rows, dimension), dtype=np.float32)
started = time.perf_counter()
norms = np.einsum('ij,ij->i', X, X, dtype=np.float64)
neighbours = np.empty((rows, k), dtype=np.int64)
for start in range(0, rows, 1024):
    block = X[start:start + 1024]
    distances = norms[start:start + len(block), None] + norms[None, :] - 2.0 * (block @ X.T)
    distances[np.arange(len(block)), np.arange(start, start + len(block))] = np.inf
    nearest = np.argpartition(distances, k, axis=1)[:, :k]
    order = np.take_along_axis(distances, nearest, 1).argsort(1, kind='stable')
    neighbours[start:start + len(block)] = np.take_along_axis(nearest, order, 1)
print(f'seconds={time.perf_counter() - started:.3f}')
