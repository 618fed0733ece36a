#!/usr/bin/python3
"""Writes the seed corpora of the codebook loaders' fuzz tests (vqlens.core.io.*FuzzTest).

Jazzer looks for seeds in <package>/<TestClass>Inputs/<method>/ on the class path; this folder
(src/test/resources/io) is added to the fuzz tests' class path as a root (see modules/core/pom.xml),
so the seeds sit in vqlens/core/io/<TestClass>Inputs/<method>/ below it. Each corpus holds a few small
valid files and a few broken ones; the fuzzer mutates from there. Deterministic: rerun to regenerate
(Debian python3-numpy, python3-torch for the checkpoint seeds):  /usr/bin/python3 make_seeds.py
"""
import io
import json
import os
import struct
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, 'vqlens', 'core', 'io')
CODEBOOKS = (np.arange(2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2) - 5) / 4


def corpus(test_class, method, files):
    folder = os.path.join(BASE, test_class + 'Inputs', method)
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):
        os.remove(os.path.join(folder, old))
    for name, data in files.items():
        with open(os.path.join(folder, name), 'wb') as f:
            f.write(data)


def npy(array):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def npy_raw(header, data):
    """An NPY 1.0 file with any header text, padded as numpy pads it."""
    text = header.encode('latin1')
    total = (10 + len(text) + 1 + 63) // 64 * 64
    text += b' ' * (total - 10 - len(text) - 1) + b'\n'
    return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(text)) + text + data


def npz(members, compressed=False):
    buffer = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buffer, **members)
    return buffer.getvalue()


def safetensors(tensors, metadata=None, data=None, raw_header=None):
    """tensors: name -> (dtype, shape, bytes); offsets in the given order, as the spec lays them out."""
    header = {}
    if metadata is not None:
        header['__metadata__'] = metadata
    blob = b''
    for name, (dtype, shape, content) in tensors.items():
        header[name] = {'dtype': dtype, 'shape': list(shape), 'data_offsets': [len(blob), len(blob) + len(content)]}
        blob += content
    text = (raw_header if raw_header is not None else json.dumps(header, separators=(',', ':'))).encode()
    text += b' ' * (-len(text) % 8)
    return struct.pack('<Q', len(text)) + text + (blob if data is None else data)


def header_of(tensors):
    return safetensors(tensors)[8:]


# --- npy ---------------------------------------------------------------------------------------------
valid_npy = npy(CODEBOOKS)
corpus('NpyFuzzTest', 'loadNpy', {
    'valid_f4_2x3x2.npy': valid_npy,
    'valid_kd_f8_be_fortran.npy': npy(np.asfortranarray(CODEBOOKS[0].astype('>f8'))),
    'truncated.npy': valid_npy[:-5],
    'bad_magic.npy': b'\x93NUMPX' + valid_npy[6:],
    'object_dtype.npy': npy_raw("{'descr': '|O', 'fortran_order': False, 'shape': (2, 3, 2), }", bytes(96)),
    'overflow_shape.npy': npy_raw("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 2), }", bytes(48)),
})

# --- npz ---------------------------------------------------------------------------------------------
valid_npz = npz({'codebooks': CODEBOOKS, 'inited': np.array(True),
                 'usage': np.array([[3, 0, 1], [2, 2, 0]], dtype=np.int64),
                 'meta': np.array(json.dumps({'app': 'vqlens', 'heads': 2}))})
crc_broken = bytearray(valid_npz)
crc_broken[valid_npz.index(b'codebooks.npy') + 13 + 80] ^= 1  # a data byte of the first member
corpus('NpzFuzzTest', 'loadNpz', {
    'valid_stored.npz': valid_npz,
    'valid_deflated.npz': npz({'codebooks': CODEBOOKS, 'inited': np.array(False)}, compressed=True),
    'crc_broken.npz': bytes(crc_broken),
    'no_codebooks.npz': npz({'weights': CODEBOOKS}),
    'usage_shape_wrong.npz': npz({'codebooks': CODEBOOKS, 'usage': np.zeros((3, 2), dtype=np.int64)}),
    'truncated.npz': valid_npz[:-30],
})

# --- safetensors ---------------------------------------------------------------------------------------
f32 = CODEBOOKS.astype('<f4').tobytes()
valid_st = safetensors({'codebooks': ('F32', CODEBOOKS.shape, f32), 'inited': ('BOOL', (), b'\x01')})
bf16 = (CODEBOOKS.astype('<f4').view('<u4') >> 16).astype('<u2').tobytes()
corpus('SafetensorsFuzzTest', 'loadSafetensors', {
    'valid_seed_layout.safetensors': valid_st,
    'valid_prefixed_f16.safetensors': safetensors({'vq.codebooks': ('F16', CODEBOOKS.shape, CODEBOOKS.astype('<f2').tobytes()),
                                                   'vq.inited': ('I64', (1,), struct.pack('<q', 1))}),
    'valid_metadata_bf16.safetensors': safetensors({'codebooks': ('BF16', (3, 2), bf16[:12])}, metadata={'inited': 'false'}),
    'ambiguous_f64.safetensors': safetensors({'a.codebooks': ('F64', (3, 2), CODEBOOKS[0].astype('<f8').tobytes()),
                                              'b.codebooks': ('F32', (3, 2), CODEBOOKS[1].astype('<f4').tobytes())}),
    'overlapping.safetensors': safetensors({'codebooks': ('F32', CODEBOOKS.shape, f32)},
                                           raw_header='{"codebooks":{"dtype":"F32","shape":[2,3,2],"data_offsets":[0,48]},'
                                                      '"inited":{"dtype":"BOOL","shape":[],"data_offsets":[40,41]}}'),
    'header_too_long.safetensors': struct.pack('<Q', 1 << 40) + valid_st[8:],
    'invalid_json.safetensors': safetensors({}, raw_header='{"codebooks":{"dtype":"F32",', data=b''),
    'duplicate_key.safetensors': safetensors({}, raw_header='{"inited":{"dtype":"BOOL","shape":[],"data_offsets":[0,1]},'
                                                            '"inited":{"dtype":"BOOL","shape":[],"data_offsets":[0,1]}}', data=b'\x01'),
})

# --- csv -------------------------------------------------------------------------------------------------
rows = ['head,code,v0,v1'] + [f'{h},{k},{CODEBOOKS[h, k, 0]!r},{CODEBOOKS[h, k, 1]!r}' for h in range(2) for k in range(3)]
valid_csv = ('\n'.join(rows) + '\n').encode()
corpus('CsvFuzzTest', 'loadCsv', {
    'valid.csv': valid_csv,
    'valid_bom_crlf_quoted.csv': b'\xef\xbb\xbf' + b'"head","code","v0"\r\n0,1,"2.5"\r\n0,0,-1e-3\r\n',
    'ragged.csv': b'head,code,v0,v1\n0,0,1,2\n0,1,3\n',
    'not_a_number.csv': b'head,code,v0\n0,0,abc\n',
    'duplicate.csv': b'head,code,v0\n0,0,1\n0,0,2\n',
    'missing_code.csv': b'head,code,v0\n0,0,1\n0,2,2\n',
    'special_values.csv': b'head,code,v0,v1\n0,0,NaN,-Infinity\n0,1,inf,-0.0\n',
})

# --- torch.save checkpoints (zip and legacy) ------------------------------------------------------------
import collections
import pickle
import torch


def torch_bytes(obj, legacy=False):
    buf = io.BytesIO()
    torch.save(obj, buf, _use_new_zipfile_serialization=not legacy)
    return buf.getvalue()


class _Evil:
    def __reduce__(self):
        return (os.system, ('true',))


reference = collections.OrderedDict([('codebooks', torch.from_numpy(CODEBOOKS.copy())), ('inited', torch.tensor(True))])
vq = collections.OrderedDict([('vq._codebook.initted', torch.Tensor([1.0])), ('vq._codebook.cluster_size', torch.ones(1, 3)),
                              ('vq._codebook.embed', torch.from_numpy(CODEBOOKS[:1].copy()))])
valid_zip = torch_bytes(reference)
corpus('TorchFuzzTest', 'loadCheckpoint', {
    'valid_reference.pt': valid_zip,
    'valid_legacy.pt': torch_bytes(reference, legacy=True),
    'valid_nested_vq_pytorch.ckpt': torch_bytes({'state_dict': vq, 'optimizer_states': [{'state': {0: {'exp_avg': torch.zeros(1, 3, 2)}}}]}),
    'valid_view_f16.pt': torch_bytes({'q.codebooks': torch.from_numpy(CODEBOOKS.copy()).half().transpose(1, 2)}),
    'evil_os_system.pt': torch_bytes({'x': _Evil()}),
    'truncated.pt': valid_zip[:len(valid_zip) // 2],
})
