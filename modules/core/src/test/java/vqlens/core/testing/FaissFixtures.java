package vqlens.core.testing;

/**
 * FAISS files made by the real {@code faiss.write_index} and {@code faiss.write_ProductQuantizer} (Debian's
 * python3-faiss 1.7.3), all in one Python process. Besides each file {@code X}, {@code X.f32} holds the centroids
 * expected from it ({@code faiss.vector_to_array(pq.centroids)}, float32 little-endian, C order of
 * {@code [M, ksub, dsub]}); {@code X.A.f32} an OPQ/PCA matrix, {@code X.xb.f32} the coarse centroids. d = 16 throughout,
 * trained on 2,048 seeded normal vectors.
 *
 * <ul>
 * <li>{@code pq.index}: IndexPQ M 4, 8 bits, 50 vectors added; {@code untrained.index}: the same untrained;
 * {@code pq.pq}: its product quantizer alone ({@code write_ProductQuantizer}); {@code pq.z.npy} 64 seeded vectors and
 * {@code pq.codes.npy} their codes by {@code pq.compute_codes} (int64 {@code [64, 4]});</li>
 * <li>{@code ivfpq.index}: IndexIVFPQ nlist 8, M 4, 8 bits, 300 vectors (full lists); {@code ivfpq_sparse.index}: nlist 16, 3
 * vectors (sparse lists); {@code ivfpq_ip.index}: inner product (IxFI coarse quantizer), no residuals;
 * {@code ivfpq_empty.index}: trained, nothing added;</li>
 * <li>{@code opq.index}: what {@code index_factory("OPQ4,PQ4x4")} makes (an OPQMatrix, written as a
 * LinearTransform, over an IndexPQ); {@code opq_ivf.index}: {@code "OPQ4,IVF8,PQ4x4"}; {@code pca.index}:
 * {@code "PCA8,PQ4x4"}; {@code idmap.index}: {@code "IDMap,PQ4x4"} with 5 ids;</li>
 * <li>{@code fastscan.index}: {@code "PQ4x4fs"}; {@code ivf_fastscan.index}: {@code "IVF8,PQ4x4fs"};
 * {@code ivfpqr.index}: {@code "IVF8,PQ4+4"} (IndexIVFPQR, {@code ivfpqr.refine.f32} its refinement PQ);</li>
 * <li>no product quantizer: {@code hnsw.index} (IndexHNSWFlat), {@code flat.index}, {@code sq.index},
 * {@code ivfflat.index}, {@code hnswpq.index} (an untrained IndexHNSWPQ, whose PQ is not reached);</li>
 * <li>hostile, from {@code pq.index}: {@code truncated.index} (its first 100 bytes), {@code lying_count.index}
 * (the centroid count 2^60), {@code lying_codes.index} (the codes' count 2^62), {@code unknown.index} (fourcc {@code Zzzz}),
 * {@code nbits40.index}, {@code bad_m.index} (M 5, d 16), {@code huge_d.pq} ({@code d = 2^40}); from
 * {@code ivfpq.index}: {@code ivf_truncated.index} (without its last 16 bytes), {@code lying_lists.index} (a list size
 * 2^50); {@code zip.pq} (a ZIP named {@code .pq}), {@code empty.index}.</li>
 * </ul>
 */
public final class FaissFixtures extends PythonFixtures {
    private static final String SCRIPT = """
            import sys, os, struct, zipfile, numpy as np, faiss
            faiss.omp_set_num_threads(1)  # a shared 2-core machine: OpenMP threads would spin against each other
            d = sys.argv[1]
            def p(name): return os.path.join(d, name)
            def arr(v): return faiss.vector_to_array(v).astype('<f4')
            def expect(name, v, suffix=''): open(p(name + suffix + '.f32'), 'wb').write(arr(v).tobytes())
            rs = np.random.RandomState(0)
            x = rs.randn(2048, 16).astype('float32')
            def save(name, index): faiss.write_index(index, p(name))

            pq = faiss.IndexPQ(16, 4, 8); pq.train(x); pq.add(x[:50]); save('pq.index', pq); expect('pq.index', pq.pq.centroids)
            faiss.write_ProductQuantizer(pq.pq, p('pq.pq')); expect('pq.pq', pq.pq.centroids)
            z = rs.randn(64, 16).astype('float32'); np.save(p('pq.z.npy'), z)
            np.save(p('pq.codes.npy'), pq.pq.compute_codes(z).astype('int64'))  # 8 bits per code: a byte is an index
            save('untrained.index', faiss.IndexPQ(16, 4, 8))

            def ivfpq(name, nlist, n, metric=faiss.METRIC_L2):
                q = faiss.IndexFlatL2(16) if metric == faiss.METRIC_L2 else faiss.IndexFlatIP(16)
                ix = faiss.IndexIVFPQ(q, 16, nlist, 4, 8, metric)
                if metric != faiss.METRIC_L2: ix.by_residual = False
                ix.train(x); ix.add(x[:n]); save(name, ix); expect(name, ix.pq.centroids)
                open(p(name + '.xb.f32'), 'wb').write(q.reconstruct_n(0, q.ntotal).astype('<f4').tobytes())
                return ix
            ivfpq('ivfpq.index', 8, 300); ivfpq('ivfpq_sparse.index', 16, 3); ivfpq('ivfpq_ip.index', 8, 40, faiss.METRIC_INNER_PRODUCT)
            ivfpq('ivfpq_empty.index', 8, 0)

            def factory(name, spec, n=0, ids=False):
                ix = faiss.index_factory(16, spec); ix.train(x)
                if ids: ix.add_with_ids(x[:n], np.arange(100, 100 + n).astype('int64'))
                elif n: ix.add(x[:n])
                save(name, ix); return ix
            def opq_of(inner, name, n):  # index_factory('OPQ4,…') with fewer OPQ iterations (the layout is the same)
                m = faiss.OPQMatrix(16, 4); m.niter = 4; m.niter_pq = 2
                ix = faiss.IndexPreTransform(m, inner); ix.train(x); ix.add(x[:n]); save(name, ix); return ix
            opq = opq_of(faiss.IndexPQ(16, 4, 4), 'opq.index', 20)
            expect('opq.index', faiss.downcast_index(opq.index).pq.centroids)
            expect('opq.index', faiss.downcast_VectorTransform(opq.chain.at(0)).A, '.A')
            opq_ivf = opq_of(faiss.IndexIVFPQ(faiss.IndexFlatL2(16), 16, 8, 4, 4), 'opq_ivf.index', 100)
            expect('opq_ivf.index', faiss.downcast_index(opq_ivf.index).pq.centroids)
            pca = factory('pca.index', 'PCA8,PQ4x4', 10)
            expect('pca.index', faiss.downcast_index(pca.index).pq.centroids)
            idmap = factory('idmap.index', 'IDMap,PQ4x4', 5, ids=True)
            expect('idmap.index', faiss.downcast_index(idmap.index).pq.centroids)
            fs = factory('fastscan.index', 'PQ4x4fs', 30); expect('fastscan.index', fs.pq.centroids)
            ivf_fs = factory('ivf_fastscan.index', 'IVF8,PQ4x4fs', 30); expect('ivf_fastscan.index', faiss.downcast_index(ivf_fs).pq.centroids)
            owner = factory('ivfpqr.index', 'IVF8,PQ4+4', 30); r = faiss.downcast_index(owner)  # owner keeps the index alive
            expect('ivfpqr.index', r.pq.centroids); expect('ivfpqr', r.refine_pq.centroids, '.refine')

            hn = faiss.index_factory(16, 'HNSW8'); hn.add(x[:20]); save('hnsw.index', hn)
            fl = faiss.IndexFlatL2(16); fl.add(x[:5]); save('flat.index', fl)
            factory('sq.index', 'SQ8', 10); factory('ivfflat.index', 'IVF8,Flat', 10); save('hnswpq.index', faiss.IndexHNSWPQ(16, 4, 8))

            good = open(p('pq.index'), 'rb').read()
            def patched(name, at, fmt, value, src=good):
                b = bytearray(src); struct.pack_into(fmt, b, at, value); open(p(name), 'wb').write(bytes(b))
            pq_at = 4 + 4 + 8 + 8 + 8 + 1 + 4  # fourcc, then the index header: d, ntotal, two dummies, is_trained, metric
            assert struct.unpack_from('<QQQQ', good, pq_at) == (16, 4, 8, 16 * 256)
            open(p('truncated.index'), 'wb').write(good[:100])
            patched('lying_count.index', pq_at + 24, '<Q', 1 << 60)
            patched('lying_codes.index', pq_at + 32 + 16 * 256 * 4, '<Q', 1 << 62)
            patched('unknown.index', 0, '4s', b'Zzzz')
            patched('nbits40.index', pq_at + 16, '<Q', 40)
            patched('bad_m.index', pq_at + 8, '<Q', 5)
            bare = open(p('pq.pq'), 'rb').read()
            patched('huge_d.pq', 0, '<Q', 1 << 40, bare)
            ivf = open(p('ivfpq.index'), 'rb').read()
            open(p('ivf_truncated.index'), 'wb').write(ivf[:-16])
            sizes_at = ivf.rindex(b'full') + 4 + 8
            assert struct.unpack_from('<Q', ivf, sizes_at - 8)[0] == 8
            patched('lying_lists.index', sizes_at, '<Q', 1 << 50, ivf)
            with zipfile.ZipFile(p('zip.pq'), 'w') as z: z.writestr('a', 'b')
            open(p('empty.index'), 'wb').close()
            """;

    public FaissFixtures() {
        super("vqlens-faiss", SCRIPT);
    }
}
