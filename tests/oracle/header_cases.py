#!/usr/bin/python3
"""Generate tests/npy_header_cases.jsonl: header texts and what numpy's
_read_array_header makes of them (numpy 1.24 on Python 3.11 here).

The texts avoid the places where that oracle differs from numpy >= 2.3 on
newer Pythons (spec 1.2 and 4.4 item 8): unbalanced brackets in v1/v2
(tokenize.TokenError), non-literal names and calls ("malformed node" with an
object address), Python-2 L suffixes, NUL bytes. Those are covered by the
golden file and by hand-written tests in tests/test_npy_header.c.

    /usr/bin/python3 tests/oracle/header_cases.py > tests/npy_header_cases.jsonl
"""
import io
import json
import struct
import sys

import numpy as np
from numpy.lib import format as fmt

F8 = "'descr': '<f8'"
FO = "'fortran_order': False"


def d(descr="'<f8'", fortran="False", shape="(3,)"):
    return "{'descr': %s, 'fortran_order': %s, 'shape': %s}" % (descr, fortran, shape)


TEXTS = [
    # valid, in many spellings
    d(), d(shape="()"), d(shape="(0,)"), d(shape="(2, 3)"), d(fortran="True", shape="(2, 3)"),
    d(shape="(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)"),
    d(shape="(9223372036854775807,)"), d(shape="(-9223372036854775808,)"),
    '{"descr": "<f8", "fortran_order": False, "shape": (3,)}',
    "{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}",
    "{ 'descr' : '<f8' ,\t'fortran_order' : False , 'shape' : ( 3 , ) , }",
    "{'descr': '<f8',\n 'fortran_order': False,\n 'shape': (3,)}\n\n   \n",
    "{'descr': '<f8', # the dtype\n 'fortran_order': False, 'shape': (3,)} # done\n",
    "{'descr': '<f8', \\\n'fortran_order': False, 'shape': (3,)}",
    "\r\n{'descr': '<f8',\r\n 'fortran_order': False, 'shape': (3,)}\r\n",
    "  \t{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}",
    "\n\n{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}",
    "({'descr': '<f8', 'fortran_order': False, 'shape': (3,)})",
    d(descr="'<' 'f8'"), d(descr="'<' \"f\" '8'"), d(descr="u'<f8'"), d(descr="r'<f8'"), d(descr="R'<f8'"),
    d(descr="'\\x3cf8'"), d(descr="'\\u003cf8'"), d(descr="'\\U0000003cf8'"), d(descr="'\\74f8'"),
    d(descr="'''<f8'''"), d(descr='"""<f8"""'), d(descr="'<\\\nf8'"),
    d(shape="(0x3,)"), d(shape="(0o3,)"), d(shape="(0b11,)"), d(shape="(0X_3,)"), d(shape="(3_0,)"),
    d(shape="(+3,)"), d(shape="(-0,)"), d(shape="(00,)"), d(shape="((3),)"), d(shape="(3,4,)"),
    d(fortran="(True)"),
    d(descr="'f8'"), d(descr="'float64'"), d(descr="'>i2'"), d(descr="'|b1'"), d(descr="'?'"),
    d(descr="'b'"), d(descr="'B'"), d(descr="'h'"), d(descr="'q'"), d(descr="'Q'"), d(descr="'e'"),
    d(descr="'F'"), d(descr="'D'"), d(descr="'=f4'"), d(descr="'<c16'"), d(descr="'>c8'"),
    d(descr="'complex'"), d(descr="'int'"), d(descr="'uint8'"), d(descr="'bool'"),
    # duplicate keys: the last value wins, the first key stays
    "{'descr': '<i4', 'fortran_order': True, 'shape': (3,), 'descr': '<f8', 'fortran_order': False}",
    # structured and other dtypes numpy has (ndmap: not supported yet)
    d(descr="[('a', '<f8')]"), d(descr="[('a', '<f8'), ('b', '>i4', (2,))]"),
    d(descr="[('a', '<f8', 3)]"), d(descr="[(('t', 'a'), '<f8')]"), d(descr="[('', '|V4'), ('b', '<i4')]"),
    d(descr="[('a', [('x', '<i2'), ('y', '<i2')])]"), d(descr="[]"), d(descr="{}"), d(descr="set()"),
    d(descr="('<f8', (2,))"), d(descr="('<f8', 2)"), d(descr="['ab']"), d(descr="{'ab': 1}"),
    d(descr="'<U3'"), d(descr="'|S5'"), d(descr="'|V4'"), d(descr="'<M8[ns]'"), d(descr="'<m8'"),
    d(descr="'<f16'"), d(descr="'i4,f8'"), d(descr="b''"),
    # object dtypes
    d(descr="'|O'"), d(descr="'O'"), d(descr="'object'"), d(descr="[('a', '|O')]"),
    # not a dictionary: reprs
    "[1, 2]", "(1, 2)", "(1,)", "()", "'abc'", '"it\'s"', "'x\"y'", "'a\\nb\\tc\\\\'", "'\\x00\\x7f\\x80\\xa0\\xad\\xe9'",
    "42", "-42", "0x" + "f" * 40, "1" + "0" * 100, "None", "True", "False", "...",
    "1.5", "-0.0", "1e16", "1e15", "1.0", "0.0001", "0.00001", "1e-300", "1e999", "-1e999", "0.1", "2.5e-07",
    "1237940039285380274899124224.0", "123456789012345678.0", "5e-324", "1.7976931348623157e308",
    "1j", "-1j", "1.5j", "1e16j", "(1+2j)", "-1-2j", "1-0j", "-0.0-1j", "1.5+0j", "0+1e999j",
    "b'x'", "b''", "b'\\x00\\xff\"'", "rb'\\n'", "B'a' b'b'",
    "{1, 2}", "{3, 1, 2}", "{10, 2}", "{2, 10}", "{8, 16, 24, 0}", "{-1, -2}", "{1, 1.0, True}",
    "{1.5, 2.5}", "{(1, 2), (3,)}", "{1, 2, 3, 4, 5, 6, 7}", "{100, 200, 300, 400, 500}",
    "{1j, 2}", "{0.1, 0.2}", "set()", "[]", "[[]]", "[(), {}]", "[{1: 2}]", "[1, [2, [3]]]",
    "[{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}]",
    # keys
    "{}", "{'descr': '<f8'}", "{'descr': '<f8', 'shape': (3,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}",
    "{'Descr': '<f8', 'fortran_order': False, 'shape': (3,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), b'x': 1}",
    "{'b': 1, 'a': 2, 'c': 3, 'aa': 4}",
    "{2: 0, 1: 0, 3: 0}", "{1: 0, 'descr': 0, 'fortran_order': 0, 'shape': 0}",
    "{'descr': 0, 1: 0}", "{(1, 'a'): 0, (1, 'b'): 0}", "{(1, 'a'): 0, (1, 2): 0}",
    "{None: 0, 'a': 0}", "{1j: 0, 2j: 0}", "{1.5: 0, 1: 0, True: 1}", "{1: 'a', 1.0: 'b'}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 2: 0, 1.5: 0}",
    "{(): 0, (1,): 0}", "{b'b': 0, b'a': 0}",
    # unhashable
    "{[1]: 2}", "{'a': 1, {}: 2}", "{(1, [2]): 3}", "{1, [2]}", "{set(): 1}",
    # shape
    d(shape="[3]"), d(shape="3"), d(shape="(3.0,)"), d(shape="('3',)"), d(shape="None"),
    d(shape="(1, 2.5)"), d(shape="((3,),)"), d(shape="(3, None)"), d(shape="'3'"), d(shape="(1j,)"),
    d(shape="(1e999,)"), d(shape="(3, [4])"), d(shape="{3}"), d(shape="(b'3',)"),
    d(shape="(True,)"), d(shape="(False, 3)"), d(shape="(-1,)"), d(shape="(2, -2)"),
    # fortran_order
    d(fortran="0"), d(fortran="1"), d(fortran="'False'"), d(fortran="None"), d(fortran="[]"),
    d(fortran="1.0"), d(fortran="(True,)"), d(fortran="{}"), d(fortran="b''"), d(fortran="..."),
    d(fortran="-1"), d(fortran="1e100"),
    # descr
    d(descr="'<q9'"), d(descr="'xyz'"), d(descr="5"), d(descr="None"), d(descr="''"), d(descr="'<f8 '"),
    d(descr="'>f3'"), d(descr="'<i3'"), d(descr="'float33'"), d(descr="1.5"), d(descr="True"),
    d(descr="[5]"), d(descr="[('a', 5)]"), d(descr="[('a', '<q9')]"), d(descr="[('a',)]"),
    d(descr="[('a', '<f8', (2,), 1)]"), d(descr="[(('t', 'a', 'x'), '<f8')]"),
    d(descr="()"), d(descr="('<f8',)"), d(descr="('<q9', (2,))"), d(descr="b'<f8'"), d(descr="[None]"),
    # syntax errors (plain SyntaxError in every version)
    d() + " x", d().replace("', '", "' '", 1), d() + "}", "not a header", d(descr="<f8"),
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,),,}", "{'descr': '<f8' : 1}",
    "{'descr' '<f8'}", "{,}", "(,)", "[,]", "{'a': 1, 'b'}", "{1, 'a': 2}", "1 2", "'abc", "'a\nb'",
    "'\\x4'", "'\\u12'", "'\\U00110000'", "b'\\u1234' 'x'", "b'\xe9'", "f'x'", "1__0", "1_", "0x", "0b2",
    "0o8", "01", "1e", "1.e", "1..2", ".", "..", "1 +", "+", "- -", "1 + 2j + ", "{'a': }", "{: 1}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}\n  x", "  \n  {}", "\n\t{}",
    "'a' b'b'", "b'a' 'b'", "1 if 1 else 2", "lambda: 1", "[*a]", "{**a}",
    "[" * 200 + "]" * 200, "[" * 201 + "]" * 201,
]


def run(text, major):
    enc = text.encode("latin-1" if major < 3 else "utf-8")
    body = enc + b"\n"
    pre = struct.pack("<H" if major == 1 else "<I", len(body))
    try:
        shape, fortran, dtype = fmt._read_array_header(io.BytesIO(pre + body), (major, 0))
    except Exception as e:  # noqa: BLE001
        return {"ok": False, "error": type(e).__name__, "message": str(e)}
    return {"ok": True, "shape": [int(x) for x in shape],
            "has_bool": any(isinstance(x, bool) for x in shape),
            "fortran_order": fortran, "dtype": dtype.str,
            "structured": dtype.names is not None or dtype.subdtype is not None,
            "hasobject": bool(dtype.hasobject)}


for major in (1, 3):
    for text in TEXTS:
        res = run(text, major)
        if not res["ok"] and res["error"] not in ("ValueError", "TypeError", "IndexError", "OverflowError"):
            continue  # oracle-only quirks (TokenError, RecursionError, ...)
        if not res["ok"] and "malformed node" in res["message"]:
            continue
        row = {"major": major, "text": text}
        row.update(res)
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
