"""Decodes header blocks with python3-hpack for HpackInteropTest.

stdin: a JSON list of blocks in hex. stdout: one line per block, its fields as space-separated
name_hex:value_hex:flag tokens, where flag is N for a never-indexed literal and I otherwise. One
decoder serves all blocks.
"""
import json
import sys

import hpack

decoder = hpack.Decoder(max_header_list_size=1 << 24)
for block in json.load(sys.stdin):
    fields = decoder.decode(bytes.fromhex(block), raw=True)
    print(" ".join("%s:%s:%s" % (bytes(f[0]).hex(), bytes(f[1]).hex(), "I" if f.indexable else "N")
                   for f in fields))
