# Reads a multipart/form-data body on stdin, its Content-Type in argv[1], with Python's email
# parser; prints one line per part: name, filename, content type, length, SHA-256 of the content.
import hashlib
import sys
from email import policy
from email.parser import BytesParser

content_type = sys.argv[1].encode("ascii")
body = sys.stdin.buffer.read()
message = BytesParser(policy=policy.HTTP).parsebytes(
    b"Content-Type: " + content_type + b"\r\n\r\n" + body)
if not message.is_multipart():
    sys.exit("not multipart")
for part in message.iter_parts():
    payload = part.get_payload(decode=True)
    print(part.get_param("name", header="content-disposition"), part.get_filename(),
          part.get_content_type(), len(payload), hashlib.sha256(payload).hexdigest())
print("defects", len(message.defects))
