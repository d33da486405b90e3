#!/usr/bin/env python3
"""Regenerate the malformed .npy corpus (tests/npy_corpus) and the fuzzer's
seed corpus (fuzz/corpus/npy_header). Plain Python 3, no numpy needed.

    python3 tests/oracle/make_corpus.py [golden/npy.jsonl]

Every file in tests/npy_corpus must be refused by ndm_open_memmap (mode 'r')
and by ndm_load with an error: tests/test_npy_corpus.c checks that, and
`make fuzz-replay` runs them through the header parser under the sanitizers.
"""
import hashlib
import json
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BAD = os.path.join(ROOT, "tests", "npy_corpus")
SEEDS = os.path.join(ROOT, "fuzz", "corpus", "npy_header")
MAGIC = b"\x93NUMPY"


def wrap(text, major=1, pad=True, data=b""):
    """A .npy file with header text `text` (str or bytes)."""
    enc = text if isinstance(text, bytes) else text.encode("latin-1" if major < 3 else "utf-8")
    lb = 2 if major == 1 else 4
    hlen = len(enc) + 1
    padlen = (64 - (8 + lb + hlen) % 64) if pad else 0
    body = enc + b" " * padlen + b"\n"
    fmt = "<H" if major == 1 else "<I"
    return MAGIC + bytes([major, 0]) + struct.pack(fmt, len(body)) + body + data


def hdr(descr="'<f8'", fortran="False", shape="(3,)"):
    return "{'descr': %s, 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)


VALID = wrap(hdr(), 1, data=b"\0" * 24)


def malformed():
    out = {}
    # A valid file truncated at every byte of its header (and in its data).
    for n in range(0, 128):
        out["trunc_hdr_%03d" % n] = VALID[:n]
    for n in (128, 129, 140, 151):
        out["trunc_data_%03d" % n] = VALID[:n]
    v3 = wrap(hdr(), 3, data=b"\0" * 24)
    for n in (9, 11, 12, 50, 127):
        out["trunc_v3_%03d" % n] = v3[:n]
    # Magic and version.
    out["magic_x"] = b"\x93NUMPX" + VALID[6:]
    out["magic_lower"] = b"\x93numpy" + VALID[6:]
    out["magic_zip"] = b"PK\x03\x04\x14\x00" + VALID[6:]
    out["magic_text"] = b"hello world, not numpy at all\n" * 4
    for ma, mi in ((0, 0), (1, 1), (2, 1), (3, 1), (4, 0), (255, 255), (0, 1)):
        out["version_%d_%d" % (ma, mi)] = MAGIC + bytes([ma, mi]) + VALID[8:]
    out["version2_len_huge"] = MAGIC + b"\x02\x00" + b"\xff\xff\xff\xff" + VALID[10:]
    out["v1_len_beyond_file"] = MAGIC + b"\x01\x00" + struct.pack("<H", 500) + VALID[10:40]
    # Not a dict.
    for name, text in (("list", "[1, 2]"), ("tuple", "(1, 2)"), ("str", "'abc'"), ("int", "42"),
                       ("none", "None"), ("float", "1.5"), ("set", "{1, 2}"), ("bytes", "b'x'"),
                       ("complex", "(1+2j)"), ("ellipsis", "..."), ("empty_set", "set()"),
                       ("nested", "[{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}]")):
        out["notdict_" + name] = wrap(text)
    # Keys.
    out["keys_empty"] = wrap("{}")
    out["keys_missing"] = wrap("{'descr': '<f8', 'shape': (3,)}")
    out["keys_extra"] = wrap("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}")
    out["keys_case"] = wrap("{'Descr': '<f8', 'fortran_order': False, 'shape': (3,)}")
    out["keys_mixed_types"] = wrap("{'descr': '<f8', 1: False, 'shape': (3,)}")
    out["keys_unhashable"] = wrap("{'descr': '<f8', [1]: False, 'shape': (3,)}")
    # Shape values.
    for name, s in (("list", "[3]"), ("int", "3"), ("float", "(3.0,)"), ("str", "('3',)"),
                    ("none", "None"), ("nested", "((3,),)"), ("neg", "(-1,)"), ("neg2", "(2, -2)"),
                    ("bool", "(True,)"), ("huge", "(100000000000000000000000000000,)"),
                    ("int64max1", "(9223372036854775808,)"), ("int64min1", "(-9223372036854775809,)"),
                    ("product_overflow", "(4294967296, 4294967296, 16)"),
                    ("hexhuge", "(0x" + "f" * 3000 + ",)"),
                    ("dec4301", "(" + "9" * 4301 + ",)"),
                    ("dims65", "(" + "1, " * 65 + ")"),
                    ("complex", "(1j,)")):
        out["shape_" + name] = wrap(hdr(shape=s), 1 if len(s) < 60000 else 2)
    # fortran_order and descr.
    for name, f in (("zero", "0"), ("one", "1"), ("str", "'False'"), ("none", "None")):
        out["fortran_" + name] = wrap(hdr(fortran=f))
    for name, d in (("q9", "'<q9'"), ("xyz", "'xyz'"), ("int", "5"), ("none", "None"), ("empty", "''"),
                    ("space", "'<f8 '"), ("object", "'|O'"), ("nul", "'<f8\\x00'"),
                    ("tuple_empty", "()"), ("tuple_one", "('<f8',)"),
                    ("struct_bad_leaf", "[('a', '<q9')]"), ("struct_object", "[('a', '|O')]"),
                    ("struct_unpack", "[('a', '<f8', (2,), 1)]"), ("struct_field_int", "[5]")):
        out["descr_" + name] = wrap(hdr(descr=d))
    # Syntax.
    for name, text in (("trailing", hdr() + " x"), ("missing_comma", "{'descr': '<f8' 'fortran_order': False, 'shape': (3,)}"),
                       ("extra_brace", hdr() + "}"), ("unbalanced_open", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)"),
                       ("unbalanced_paren", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,}"),
                       ("bare_name", "{'descr': f8, 'fortran_order': False, 'shape': (3,)}"),
                       ("call", "{'descr': '<f8', 'fortran_order': bool(0), 'shape': (3,)}"),
                       ("unterminated_str", "{'descr': '<f8, 'fortran_order': False, 'shape': (3,)}"),
                       ("bad_escape", "{'descr': '\\x4', 'fortran_order': False, 'shape': (3,)}"),
                       ("fstring", "{'descr': f'<f8', 'fortran_order': False, 'shape': (3,)}"),
                       ("lower_l", "{'descr': '<f8', 'fortran_order': False, 'shape': (3l,)}"),
                       ("leading_zero", "{'descr': '<f8', 'fortran_order': False, 'shape': (03,)}"),
                       ("double_minus", "{'descr': '<f8', 'fortran_order': False, 'shape': (--3,)}"),
                       ("indent", "\n  " + hdr()),
                       ("nul_byte", hdr()[:-2] + "\0}"),
                       ("only_spaces", "   "),
                       ("empty", "")):
        out["syntax_" + name] = wrap(text)
    out["syntax_L_v3"] = wrap(hdr(shape="(3L,)"), 3)
    # Nesting.
    out["nest_201"] = wrap(hdr(shape="[" * 201 + "]" * 201))
    out["nest_5000"] = wrap("[" * 5000 + "]" * 5000, 2)
    out["nest_unbalanced_9000"] = wrap("(" * 9000, 2)
    out["nest_minus_5000"] = wrap(hdr(shape="(" + "-" * 5000 + "1,)"), 2)
    # Header size.
    out["big_10001"] = wrap(hdr() + " " * (10001 - len(hdr()) - 1), 1, pad=False)
    out["big_70000_v2"] = wrap(hdr() + " " * 70000, 2)
    out["big_v3_utf8"] = wrap(hdr(descr="'" + "\u00e9" * 6000 + "'"), 3)
    # UTF-8 in v3.
    base = hdr().encode()
    for name, bad in (("ff", b"\xff"), ("cont", b"\xc3("), ("overlong", b"\xc0\xaf"),
                      ("surrogate", b"\xed\xa0\x80"), ("trunc_end", b"\xe2\x82"),
                      ("f5", b"\xf5\x80\x80\x80"), ("max_plus", b"\xf4\x90\x80\x80")):
        out["utf8_" + name] = wrap(base[:2] + bad + base[2:], 3)
    out["utf8_trunc_at_end"] = MAGIC + b"\x03\x00" + struct.pack("<I", 3) + b"{\xe2\x82"
    # Data too short for the shape.
    out["data_short_big_shape"] = wrap(hdr(shape="(1000000,)"), 1, data=b"\0" * 8)
    out["data_none"] = wrap(hdr(shape="(3, 4)"), 1)
    out["data_huge_shape"] = wrap(hdr(shape="(4611686018427387904,)"), 1, data=b"\0" * 8)
    return out


def main():
    os.makedirs(BAD, exist_ok=True)
    os.makedirs(SEEDS, exist_ok=True)
    for name in os.listdir(BAD):
        if name.endswith(".npy"):
            os.unlink(os.path.join(BAD, name))
    bad = malformed()
    for name, data in sorted(bad.items()):
        with open(os.path.join(BAD, name + ".npy"), "wb") as f:
            f.write(data)
    seeds = dict((n, d[:20000]) for n, d in bad.items())
    golden = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "golden", "npy.jsonl")
    if os.path.exists(golden):
        for line in open(golden):
            row = json.loads(line)
            if row.get("kind") != "read" or not row.get("file"):
                continue
            data = b"".join(bytes.fromhex(p["hex"]) if "hex" in p else bytes.fromhex(p["fill"]) * p["count"]
                            for p in row["file"]["parts"])
            seeds[row["id"]] = data[:20000]
    # Seeds are named by content hash and only ever added: inputs the fuzzer
    # found (merged with -merge=1) stay.
    for name, data in seeds.items():
        h = hashlib.sha1(data).hexdigest()
        with open(os.path.join(SEEDS, h), "wb") as f:
            f.write(data)
    print("%d malformed files, %d seeds" % (len(bad), len(os.listdir(SEEDS))))


if __name__ == "__main__":
    main()
