"""Encodes header lists with python3-hpack for HpackInteropTest.

stdin: a JSON list of blocks, each {"fields": [[name_hex, value_hex, never_indexed], ...]}
and optionally "table_size" (applied before the block, so it opens with a size update).
stdout: one line per block, the encoded block in hex. One encoder serves all blocks.
"""
import json
import sys

import hpack

encoder = hpack.Encoder()
for block in json.load(sys.stdin):
    if "table_size" in block:
        encoder.header_table_size = block["table_size"]
    fields = [(bytes.fromhex(n), bytes.fromhex(v), bool(s)) for n, v, s in block["fields"]]
    print(encoder.encode(fields, huffman=block.get("huffman", True)).hex())
