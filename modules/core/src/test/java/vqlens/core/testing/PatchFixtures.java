package vqlens.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Model files for writing an edit back (beside {@link TorchFixtures}), made by the real PyTorch 1.13 in one Python
 * process, and {@link #check}, which reads patched files back with the real libraries (one Python process per batch).
 *
 * <ul>
 * <li>{@code partial.pt}: {@code codebooks} [2,8,4] and {@code first}, a view of its first head (same storage, another
 * layout); {@code disjoint.pt}: {@code codebooks} = {@code x[0:1]} and {@code rest} = {@code x[1:2]} of one storage
 * (no byte shared); {@code tied.pt}: one tensor under {@code a.codebooks} and {@code b.codebooks};
 * {@code expanded.pt}: {@code codebooks}, an expanded tensor (stride 0); {@code deflated.pt}: a reference
 * {@code state_dict} re-zipped with its storages deflated;</li>
 * <li>{@code st_f32.safetensors}, {@code st_f16…}, {@code st_bf16…}, {@code st_f64…}: {@code encoder.weight},
 * {@code quantizer.codebooks} [2,8,4] in that dtype, {@code quantizer.inited} BOOL false and {@code decoder.bias},
 * with {@code __metadata__} {@code {"format": "pt"}}, written as {@code safetensors.torch.save_file} lays them out
 * (header padded with spaces to 8 bytes); {@code st_meta.safetensors}: {@code codebooks} F32 [1,4,2] alone and
 * {@code __metadata__} {@code "inited": "false"};</li>
 * <li>{@code vqpt_dead.pt}: vector-quantize-pytorch's layout ({@code vq._codebook.embed} [1,6,3]) with every
 * {@code cluster_size} 0; {@code vqpt_no_size.pt}: {@code embed} and {@code embed_avg} without {@code cluster_size}.</li>
 * </ul>
 */
public final class PatchFixtures implements BeforeAllCallback, AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SCRIPT = """
            import sys, os, io, json, struct, zipfile, collections, torch
            d = sys.argv[1]
            def p(name): return os.path.join(d, name)
            torch.manual_seed(1)
            x = torch.randn(2, 8, 4)
            torch.save({'codebooks': x, 'first': x[0]}, p('partial.pt'))
            y = torch.randn(2, 8, 4)
            torch.save({'codebooks': y[0:1], 'rest': y[1:2]}, p('disjoint.pt'))
            t = torch.randn(1, 8, 4)
            torch.save({'a.codebooks': t, 'b.codebooks': t, 'other': torch.randn(3)}, p('tied.pt'))
            e = torch.randn(1, 1, 4).expand(1, 8, 4)
            torch.save({'codebooks': e}, p('expanded.pt'))
            ref = collections.OrderedDict([('codebooks', torch.randn(2, 8, 4)), ('inited', torch.tensor(True))])
            torch.save(ref, p('stored.pt'))
            with zipfile.ZipFile(p('stored.pt')) as zin, zipfile.ZipFile(p('deflated.pt'), 'w', zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist(): zout.writestr('deflated/' + info.filename.split('/', 1)[1], zin.read(info.filename))

            def st(name, tensors, metadata):
                header = {'__metadata__': metadata} if metadata is not None else {}
                data = b''
                for k, v in tensors:
                    raw = v.contiguous().view(-1).view(torch.uint8).numpy().tobytes() if v.dim() > 0 else v.reshape(1).view(torch.uint8).numpy().tobytes()
                    dtype = {torch.float32: 'F32', torch.float16: 'F16', torch.bfloat16: 'BF16', torch.float64: 'F64', torch.bool: 'BOOL'}[v.dtype]
                    header[k] = {'dtype': dtype, 'shape': list(v.shape), 'data_offsets': [len(data), len(data) + len(raw)]}
                    data += raw
                text = json.dumps(header, separators=(',', ':')).encode()
                text += b' ' * (-len(text) % 8)
                open(p(name), 'wb').write(struct.pack('<Q', len(text)) + text + data)
            cb = torch.randn(2, 8, 4) * 3
            for name, dtype in [('f32', torch.float32), ('f16', torch.float16), ('bf16', torch.bfloat16), ('f64', torch.float64)]:
                st('st_' + name + '.safetensors', [('encoder.weight', torch.randn(8, 8)), ('quantizer.codebooks', cb.to(dtype)),
                   ('quantizer.inited', torch.tensor(False)), ('decoder.bias', torch.randn(8))], {'format': 'pt'})
            st('st_meta.safetensors', [('codebooks', torch.randn(1, 4, 2))], {'inited': 'false'})
            dead = collections.OrderedDict([('vq._codebook.initted', torch.tensor(True)), ('vq._codebook.cluster_size', torch.zeros(1, 6)),
                                            ('vq._codebook.embed_avg', torch.zeros(1, 6, 3)), ('vq._codebook.embed', torch.randn(1, 6, 3))])
            torch.save(dead, p('vqpt_dead.pt'))
            torch.save(collections.OrderedDict([('vq._codebook.embed_avg', torch.zeros(1, 6, 3)), ('vq._codebook.embed', torch.randn(1, 6, 3))]),
                       p('vqpt_no_size.pt'))
            """;

    /**
     * Reads each case's patched file back: {@code torch.load(weights_only=True)} and {@code zipfile.testzip()} for a
     * checkpoint, the header and bytes with numpy and json for safetensors. Per case (argv: a JSON list of
     * {@code {model, out, key, edited}}, {@code edited} an {@code .npy} of the edited codebook) it prints one JSON object:
     * {@code differ} (tensor keys whose dtype, shape, strides, offset or bytes changed), {@code codebook_ok} (the
     * codebook holds the edit as PyTorch rounds it to the stored dtype where a value changed, and its old value
     * elsewhere), {@code rounded} (values whose stored value differs from the edit), {@code flags} (the
     * {@code inited}/{@code initted} values), {@code embed_avg_ok} (vector-quantize-pytorch: edited codes'
     * {@code embed_avg} is {@code embed × cluster_size}, exactly in float32, the others unchanged; {@code null} without
     * one); for a zip also {@code testzip}, {@code same_names} and {@code entries_changed}; for safetensors
     * {@code header_same}.
     */
    private static final String CHECK = """
            import sys, json, struct, zipfile, numpy as np, torch
            def flat(o, prefix=''):
                if isinstance(o, dict):
                    for k, v in o.items(): yield from flat(v, prefix + '/' + str(k) if prefix else str(k))
                elif isinstance(o, (list, tuple)):
                    for i, v in enumerate(o): yield from flat(v, prefix + '/' + str(i) if prefix else str(i))
                elif torch.is_tensor(o): yield prefix, o
            def raw(t): return t.contiguous().reshape(-1).view(torch.uint8).numpy().tobytes()
            def same(a, b): return a.dtype == b.dtype and a.shape == b.shape and a.stride() == b.stride() and a.storage_offset() == b.storage_offset() and raw(a) == raw(b)
            DT = {'F32': torch.float32, 'F16': torch.float16, 'BF16': torch.bfloat16, 'F64': torch.float64, 'BOOL': torch.bool}
            def safetensors(path):
                blob = open(path, 'rb').read(); n = struct.unpack('<Q', blob[:8])[0]; header = json.loads(blob[8:8 + n])
                out = {}
                for k, v in header.items():
                    if k == '__metadata__': continue
                    b, e = v['data_offsets']; data = bytearray(blob[8 + n + b:8 + n + e])
                    out[k] = torch.frombuffer(data, dtype=torch.uint8).view(DT[v['dtype']]).reshape(v['shape']) if data else torch.zeros(v['shape'], dtype=DT[v['dtype']])
                return blob[:8 + n], out
            results = []
            for case in json.loads(sys.argv[1]):
                res = {}
                if case['model'].endswith('.safetensors'):
                    ha, a = safetensors(case['model']); hb, b = safetensors(case['out']); res['header_same'] = ha == hb
                else:
                    a = dict(flat(torch.load(case['model'], weights_only=True))); b = dict(flat(torch.load(case['out'], weights_only=True)))
                    if zipfile.is_zipfile(case['model']):
                        za, zb = zipfile.ZipFile(case['model']), zipfile.ZipFile(case['out'])
                        res['testzip'] = zb.testzip()
                        res['same_names'] = [i.filename for i in za.infolist()] == [i.filename for i in zb.infolist()]
                        res['entries_changed'] = [n for n in za.namelist() if za.read(n) != zb.read(n)]
                res['same_keys'] = list(a) == list(b)
                res['differ'] = [k for k in a if not same(a[k], b[k])]
                key = case['key']; old = a[key]; new = b[key]
                edited = torch.from_numpy(np.load(case['edited'])).reshape(old.shape)
                changed = edited != old.float()
                expected = torch.where(changed, edited.to(old.dtype), old)
                res['codebook_ok'] = new.dtype == old.dtype and torch.equal(new, expected)
                res['rounded'] = int((new.float() != edited).sum())
                res['flags'] = {k: float(b[k].float().reshape(-1)[0]) for k in b if k.endswith('inited') or k.endswith('initted')}
                prefix = key[:key.rfind('.') + 1]
                if prefix + 'embed_avg' in b:
                    avg_a, avg_b, cs = a[prefix + 'embed_avg'], b[prefix + 'embed_avg'], b[prefix + 'cluster_size'].reshape(new.shape[:-1])
                    codes = changed.any(-1)
                    res['embed_avg_ok'] = torch.equal(avg_b[codes], new[codes].float() * cs[codes].unsqueeze(-1)) and torch.equal(avg_b[~codes], avg_a[~codes])
                    res['edited_codes'] = int(codes.sum())
                else:
                    res['embed_avg_ok'] = None
                results.append(res)
            print(json.dumps(results))
            """;

    private Path dir;

    public PatchFixtures() {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("vqlens-patch");
        TestPython.run(SCRIPT, dir.toString());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        PythonFixtures.deleteTree(dir);
    }

    /** The fixture {@code name}. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** One patched file to read back: the model it came from, the codebook's key and the edit as an {@code .npy}. */
    public record Case(Path model, Path out, String key, Path edited) {
    }

    /** What {@link #CHECK} found, one JSON object per case, in order. */
    public static List<JsonNode> check(List<Case> cases) throws IOException, InterruptedException {
        ArrayNode list = JSON.createArrayNode();
        for (Case c : cases) {
            ObjectNode o = list.addObject();
            o.put("model", c.model().toString());
            o.put("out", c.out().toString());
            o.put("key", c.key());
            o.put("edited", c.edited().toString());
        }
        String output = TestPython.run(CHECK, JSON.writeValueAsString(list));
        String last = output.lines().reduce((x, y) -> y).orElse("");
        List<JsonNode> results = new ArrayList<>();
        JSON.readTree(last).forEach(results::add);
        return results;
    }
}
