package vqlens.core.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PyTorch checkpoints made by the real {@code torch.save} (Debian's python3-torch 1.13), all in one Python process,
 * for the core and command-line tests. Besides each checkpoint {@code X}, {@code X.f32} holds the codebook values
 * expected from it (float32 little-endian, C order of {@code [heads, codes, dim]}).
 *
 * <ul>
 * <li>{@code reference.pt}: the reference module's {@code state_dict} ({@code codebooks} F32 [4,16,8],
 * {@code inited} false) saved to a path (top folder {@code reference/}); {@code buffer.pt} the same saved to a
 * buffer ({@code archive/}); {@code legacy.pt} the same in the legacy format;</li>
 * <li>{@code f16.pt}, {@code bf16.pt}, {@code f64.pt}: {@code quantizer.codebooks} [2,8,4] in those dtypes;
 * {@code view.pt}: {@code vq.codebooks}, a transposed slice (storage offset, strides) of a bigger tensor;</li>
 * <li>{@code model.pt}: a model's {@code state_dict} with {@code quantizer.codebooks} [2,8,4] beside an encoder and a
 * decoder; {@code pytorch_model.bin} the same; {@code parameter.pt} the codebooks as an {@code nn.Parameter}
 * ({@code _rebuild_parameter}); {@code whole_model.pt} the model itself ({@code torch.save(model)}, a pickled class); {@code nested.pt}: {@code {"model_state_dict": …, "ema": …}}
 * ({@code nested_ema.f32} the EMA copy's values);</li>
 * <li>{@code lightning.ckpt} (to a buffer): {@code state_dict} with {@code model.quantize.embedding.weight} [32,6],
 * {@code optimizer_states} with {@code exp_avg}/{@code exp_avg_sq} of that shape, {@code callbacks} keyed by a
 * class ({@code pytorch_lightning.callbacks.model_checkpoint.ModelCheckpoint});</li>
 * <li>{@code vqpt_old.pt}: vector-quantize-pytorch's layout of older releases ({@code vq._codebook.embed} [1,16,4],
 * {@code initted} float [1] = 1, {@code cluster_size} [1,16] — {@code vqpt_old_usage.f32} —, {@code embed_avg},
 * {@code vq.project_in.weight}); {@code vqpt_new.pt}: newer ({@code embed} [3,16,4], {@code initted} bool [] false,
 * {@code cluster_size} [3,16]); {@code grouped.pt}: a GroupedResidualVQ's {@code grvq.rvqs.G.layers.L._codebook.embed};
 * {@code residual.pt}: a ResidualVQ's {@code rq.layers.0/1._codebook.embed}
 * ({@code residual.f32}: level 1);</li>
 * <li>{@code deep.pt}: a codebook 41 dicts deep; {@code shared.pt}: one dict under two keys ({@code a}, {@code b});</li>
 * <li>{@code transformer.pt}: a token {@code tok.embed.weight} [50,12] beside {@code quantize.embedding.weight}
 * [16,12]; {@code tokens_only.pt}: {@code embed.weight} [50,12] and {@code lm_head.weight} only;</li>
 * <li>{@code v2records.pt}: {@code reference.pt} with PyTorch 2.x's extra records ({@code .format_version},
 * {@code .storage_alignment}, {@code byteorder} little, {@code .data/serialization_id}); {@code bigendian.pt}: a
 * {@code codebooks} [2,4,3] with {@code byteorder} big and its storage byte-swapped;</li>
 * <li>{@code crafted_ok.pt} (a hand-pickled valid view), {@code crafted_sparse.pt} (a view whose strides skip most of
 * its storage), and hostile files: {@code evil.pt} (calls
 * {@code os.system} to create {@code pwned}), {@code truncated.pt} (half of {@code reference.pt}),
 * {@code legacy_truncated.pt} ({@code legacy.pt} without its last 16 bytes), {@code crc_broken.pt} (a byte of
 * {@code reference.pt}'s codebook storage flipped),
 * {@code short_storage.pt} (a storage shorter than its tensor), {@code offset_past.pt} (a view past its storage),
 * {@code raw.ckpt} (random bytes), {@code old_tar.pt} (a tar archive); files of other kinds under checkpoint
 * names: {@code numpy.pt} (.npy), {@code arrays.pt} (.npz), {@code safetensors.bin}, {@code llama.bin} (GGUF),
 * {@code keras.bin} (HDF5), {@code plain_pickle.pt}, {@code tensorflow.ckpt} (a LevelDB table), {@code empty.pt}.</li>
 * </ul>
 */
public final class TorchFixtures extends PythonFixtures {
    /** Created only if a hostile pickle were ever run. */
    public static final String MARKER = "pwned";

    private static final String SCRIPT = """
            import sys, os, io, struct, zipfile, tarfile, pickle, collections, types, torch
            d = sys.argv[1]
            marker = os.path.join(d, 'pwned')
            torch.manual_seed(0)
            def p(name): return os.path.join(d, name)
            def expect(name, t): open(p(name + '.f32'), 'wb').write(t.detach().float().contiguous().numpy().astype('<f4').tobytes())

            class PQ(torch.nn.Module):
                def __init__(self, h, k, dim, inited):
                    super().__init__()
                    self.codebooks = torch.nn.Parameter(torch.randn(h, k, dim))
                    self.register_buffer('inited', torch.tensor(inited))
            ref = PQ(4, 16, 8, False)
            torch.save(ref.state_dict(), p('reference.pt')); expect('reference.pt', ref.codebooks)
            buf = io.BytesIO(); torch.save(ref.state_dict(), buf); open(p('buffer.pt'), 'wb').write(buf.getvalue())
            expect('buffer.pt', ref.codebooks)
            torch.save(ref.state_dict(), p('legacy.pt'), _use_new_zipfile_serialization=False); expect('legacy.pt', ref.codebooks)

            cb = torch.randn(2, 8, 4)
            for name, dtype in [('f16', torch.float16), ('bf16', torch.bfloat16), ('f64', torch.float64)]:
                t = cb.to(dtype); torch.save({'quantizer.codebooks': t}, p(name + '.pt')); expect(name + '.pt', t)
            view = torch.randn(2, 6, 10).transpose(1, 2)[:, 1:9, :]
            assert not view.is_contiguous() and view.storage_offset() > 0
            torch.save({'vq.codebooks': view}, p('view.pt')); expect('view.pt', view)

            class Model(torch.nn.Module):
                def __init__(self):
                    super().__init__()
                    self.encoder = torch.nn.Linear(8, 8)
                    self.quantizer = PQ(2, 8, 4, True)
                    self.decoder = torch.nn.Linear(8, 8)
            model = Model(); sd = model.state_dict()
            torch.save(sd, p('model.pt')); expect('model.pt', model.quantizer.codebooks)
            torch.save({'quantizer.codebooks': model.quantizer.codebooks}, p('parameter.pt')); expect('parameter.pt', model.quantizer.codebooks)
            torch.save(model, p('whole_model.pt'))
            torch.save(sd, p('pytorch_model.bin')); expect('pytorch_model.bin', model.quantizer.codebooks)
            ema = Model()
            torch.save({'model_state_dict': sd, 'ema': ema.state_dict(), 'epoch': 3}, p('nested.pt'))
            expect('nested.pt', model.quantizer.codebooks); expect('nested_ema', ema.quantizer.codebooks)

            for name in ['pytorch_lightning', 'pytorch_lightning.callbacks', 'pytorch_lightning.callbacks.model_checkpoint']:
                sys.modules[name] = types.ModuleType(name)
            class ModelCheckpoint: pass
            ModelCheckpoint.__module__ = 'pytorch_lightning.callbacks.model_checkpoint'; ModelCheckpoint.__qualname__ = 'ModelCheckpoint'
            sys.modules['pytorch_lightning.callbacks.model_checkpoint'].ModelCheckpoint = ModelCheckpoint
            emb = torch.randn(32, 6)
            lsd = collections.OrderedDict([('model.encoder.weight', torch.randn(6, 6)), ('model.quantize.embedding.weight', emb),
                                           ('model.decoder.weight', torch.randn(6, 6))])
            ckpt = {'epoch': 3, 'global_step': 120, 'pytorch-lightning_version': '1.9.0', 'state_dict': lsd,
                    'optimizer_states': [{'state': {1: {'step': torch.tensor(120.), 'exp_avg': torch.randn(32, 6), 'exp_avg_sq': torch.rand(32, 6)}},
                                          'param_groups': [{'lr': 1e-3, 'betas': (0.9, 0.999), 'params': [0, 1, 2]}]}],
                    'lr_schedulers': [], 'callbacks': {ModelCheckpoint: {'best_model_score': torch.tensor(0.5), 'best_model_path': 'x.ckpt'}},
                    'hyper_parameters': {'lr': 0.001, 'codes': 32}}
            buf = io.BytesIO(); torch.save(ckpt, buf); open(p('lightning.ckpt'), 'wb').write(buf.getvalue()); expect('lightning.ckpt', emb)

            old = collections.OrderedDict()
            old['vq.project_in.weight'] = torch.randn(4, 20); old['vq.project_in.bias'] = torch.randn(4)
            old['vq._codebook.initted'] = torch.Tensor([1.0]); old['vq._codebook.cluster_size'] = torch.rand(1, 16) * 5
            old['vq._codebook.embed_avg'] = torch.randn(1, 16, 4); old['vq._codebook.embed'] = torch.randn(1, 16, 4)
            torch.save(old, p('vqpt_old.pt')); expect('vqpt_old.pt', old['vq._codebook.embed']); expect('vqpt_old_usage', old['vq._codebook.cluster_size'])
            new = collections.OrderedDict()
            new['vq._codebook.initted'] = torch.tensor(False); new['vq._codebook.cluster_size'] = torch.rand(3, 16)
            new['vq._codebook.embed_avg'] = torch.randn(3, 16, 4); new['vq._codebook.embed'] = torch.randn(3, 16, 4)
            torch.save(new, p('vqpt_new.pt')); expect('vqpt_new.pt', new['vq._codebook.embed'])
            rq = collections.OrderedDict()
            for level in range(2):
                q = 'rq.layers.%d._codebook.' % level
                rq[q + 'initted'] = torch.Tensor([1.0]); rq[q + 'cluster_size'] = torch.rand(1, 16)
                rq[q + 'embed_avg'] = torch.randn(1, 16, 4); rq[q + 'embed'] = torch.randn(1, 16, 4)
            torch.save(rq, p('residual.pt')); expect('residual.pt', rq['rq.layers.1._codebook.embed'])
            grq = collections.OrderedDict()
            for group in range(2):
                for level in range(2):
                    q = 'grvq.rvqs.%d.layers.%d._codebook.' % (group, level)
                    grq[q + 'initted'] = torch.Tensor([1.0]); grq[q + 'cluster_size'] = torch.rand(1, 8)
                    grq[q + 'embed_avg'] = torch.randn(1, 8, 2); grq[q + 'embed'] = torch.randn(1, 8, 2)
            torch.save(grq, p('grouped.pt')); expect('grouped.pt', grq['grvq.rvqs.1.layers.0._codebook.embed'])

            deep = {'codebooks': torch.zeros(1, 2, 2)}
            for _ in range(40): deep = {'level': deep}
            torch.save(deep, p('deep.pt'))
            shared = {'codebooks': torch.randn(1, 4, 2)}
            torch.save({'a': shared, 'b': shared}, p('shared.pt')); expect('shared.pt', shared['codebooks'])

            tok = torch.randn(50, 12); qe = torch.randn(16, 12)
            torch.save({'tok.embed.weight': tok, 'blocks.0.attn.weight': torch.randn(12, 12), 'quantize.embedding.weight': qe}, p('transformer.pt'))
            expect('transformer.pt', qe)
            torch.save({'embed.weight': tok, 'lm_head.weight': torch.randn(50, 12)}, p('tokens_only.pt')); expect('tokens_only.pt', tok)

            def rewrite(src, dst, top, extra, swap=False):
                with zipfile.ZipFile(p(src)) as zin, zipfile.ZipFile(p(dst), 'w') as zout:
                    for info in zin.infolist():
                        data = zin.read(info.filename)
                        name = top + info.filename.split('/', 1)[1]
                        if swap and '/data/' in name:
                            a = bytearray(data)
                            for i in range(0, len(a), 4): a[i:i + 4] = a[i:i + 4][::-1]
                            data = bytes(a)
                        zout.writestr(name, data)
                    for name, text in extra: zout.writestr(top + name, text)
            rewrite('reference.pt', 'v2records.pt', 'v2records/', [('.format_version', '1'), ('.storage_alignment', '64'),
                    ('byteorder', 'little'), ('.data/serialization_id', '0123456789012345678901234567890123456789'), ('unknown_record', 'x')])
            expect('v2records.pt', ref.codebooks)
            be = torch.randn(2, 4, 3); torch.save({'codebooks': be}, p('little.pt'))
            rewrite('little.pt', 'bigendian.pt', 'bigendian/', [('byteorder', 'big')], swap=True); expect('bigendian.pt', be)

            class FakeStorage: pass
            class FakeTensor:
                def __init__(self, storage, offset, size, stride): self.args = (storage, offset, size, stride)
                def __reduce__(self): return (torch._utils._rebuild_tensor_v2, self.args + (False, collections.OrderedDict()))
            def craft(name, numel, data, offset, size, stride):
                st = FakeStorage(); out = io.BytesIO(); pk = pickle.Pickler(out, protocol=2)
                pk.persistent_id = lambda o: ('storage', torch.FloatStorage, '0', 'cpu', numel) if isinstance(o, FakeStorage) else None
                pk.dump({'codebooks': FakeTensor(st, offset, size, stride)})
                with zipfile.ZipFile(p(name), 'w') as z:
                    z.writestr('crafted/data.pkl', out.getvalue()); z.writestr('crafted/data/0', data); z.writestr('crafted/version', '3\\n')
            values = torch.arange(8, dtype=torch.float32)
            craft('crafted_ok.pt', 8, values.numpy().tobytes(), 2, (1, 3, 2), (6, 2, 1)); expect('crafted_ok.pt', values[2:8].reshape(1, 3, 2))
            wide = torch.arange(64, dtype=torch.float32)
            craft('crafted_sparse.pt', 64, wide.numpy().tobytes(), 1, (1, 3, 2), (64, 20, 7))
            expect('crafted_sparse.pt', torch.as_strided(wide, (1, 3, 2), (64, 20, 7), 1))
            craft('short_storage.pt', 8, values[:4].numpy().tobytes(), 0, (1, 4, 2), (8, 2, 1))
            craft('offset_past.pt', 4, values[:4].numpy().tobytes(), 10, (1, 2, 2), (4, 2, 1))

            class Evil:
                def __reduce__(self): return (os.system, ('touch ' + marker,))
            torch.save({'codebooks': torch.zeros(1, 2, 2), 'x': Evil()}, p('evil.pt'))
            whole = open(p('reference.pt'), 'rb').read(); open(p('truncated.pt'), 'wb').write(whole[:len(whole) // 2])
            info = zipfile.ZipFile(p('reference.pt')).getinfo('reference/data/0'); broken = bytearray(whole)
            nlen, elen = struct.unpack('<HH', broken[info.header_offset + 26:info.header_offset + 30])
            broken[info.header_offset + 30 + nlen + elen] ^= 0xff; open(p('crc_broken.pt'), 'wb').write(bytes(broken))
            legacy = open(p('legacy.pt'), 'rb').read(); open(p('legacy_truncated.pt'), 'wb').write(legacy[:-16])
            open(p('raw.ckpt'), 'wb').write(os.urandom(4096))
            with tarfile.open(p('old_tar.pt'), 'w') as t: t.add(p('little.pt'), arcname='storages')
            import numpy as np
            buf = io.BytesIO(); np.save(buf, np.zeros((2, 3), np.float32)); open(p('numpy.pt'), 'wb').write(buf.getvalue())
            np.savez(p('arrays.pt'), codebooks=np.zeros((1, 2, 3), np.float32)); os.replace(p('arrays.pt.npz'), p('arrays.pt'))
            header = b'{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'; header += b' ' * (-len(header) % 8)
            open(p('safetensors.bin'), 'wb').write(struct.pack('<Q', len(header)) + header + b'\\0' * 4)
            open(p('llama.bin'), 'wb').write(b'GGUF' + b'\\0' * 60)
            open(p('keras.bin'), 'wb').write(b'\\x89HDF\\r\\n\\x1a\\n' + b'\\0' * 56)
            open(p('plain_pickle.pt'), 'wb').write(pickle.dumps({'a': 1}, protocol=2))
            open(p('tensorflow.ckpt'), 'wb').write(b'\\0' * 40 + struct.pack('<Q', 0xdb4775248b80fb57))
            open(p('empty.pt'), 'wb').close()
            assert not os.path.exists(marker)
            """;

    /**
     * As a JUnit extension ({@code @RegisterExtension static final TorchFixtures TORCH = new TorchFixtures();}): the
     * fixtures are written into a folder of their own before the class's tests, and after them the folder is
     * checked for the marker (no hostile pickle ran) and removed.
     */
    public TorchFixtures() {
        super("vqlens-torch", SCRIPT);
    }

    @Override
    protected void check(Path folder) {
        assertFalse(Files.exists(folder.resolve(MARKER)), "a hostile pickle was run");
    }
}
