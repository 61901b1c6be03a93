#!/usr/bin/env python3
"""A local HTTP server for the end-to-end tests: serves the files of one folder on 127.0.0.1 as the IMDb datasets'
server does (HEAD with Content-Length, Last-Modified and ETag, GET with Range), optionally at a limited rate so a
download stays in view long enough to be seen. Prints the port it listens on, then serves until killed.

    dataset_server.py DIR [--rate BYTES_PER_SECOND]
"""

import argparse
import email.utils
import http.server
import os
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--rate", type=int, default=0, help="bytes a second per request (0: no limit)")
    args = parser.parse_args()
    root = os.path.abspath(args.dir)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def _file(self):
            name = os.path.basename(self.path.split("?", 1)[0])
            path = os.path.join(root, name)
            return path if name and os.path.isfile(path) else None

        def _head(self, path, status, start, end, size):
            st = os.stat(path)
            self.send_response(status)
            self.send_header("Content-Type", "application/gzip")
            self.send_header("Content-Length", str(end - start))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True))
            self.send_header("ETag", f'"{st.st_size:x}-{int(st.st_mtime):x}"')
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
            self.end_headers()

        def _answer(self, body):
            path = self._file()
            if path is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            size = os.path.getsize(path)
            start, status = 0, 200
            wanted = self.headers.get("Range", "")
            if wanted.startswith("bytes=") and wanted.endswith("-"):
                start = int(wanted[len("bytes="):-1])
                if start >= size:
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{size}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status = 206
            self._head(path, status, start, size, size)
            if not body:
                return
            with open(path, "rb") as f:
                f.seek(start)
                chunk = 16 * 1024
                while True:
                    data = f.read(chunk)
                    if not data:
                        break
                    try:
                        self.wfile.write(data)
                    except (BrokenPipeError, ConnectionResetError):
                        return
                    if args.rate:
                        time.sleep(len(data) / args.rate)

        def do_HEAD(self):
            self._answer(False)

        def do_GET(self):
            self._answer(True)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
