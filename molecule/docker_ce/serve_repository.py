"""Serve a directory as an apt repository, the way Docker's is served.

  serve_repository.py DIR --listen 127.0.0.1:8099          plain HTTP
  serve_repository.py DIR --tls CERT KEY --name HOST        HTTPS on 443, and on 80 every
                                                            request redirected to https://HOST
Each request is logged on stderr (the journal), one line, so a test can count fetches.
"""
import argparse
import functools
import http.server
import ssl
import sys
import threading


class Files(http.server.SimpleHTTPRequestHandler):
    """Keep-alive, as real repository servers: apt-cacher-ng sends several requests on one connection."""

    protocol_version = "HTTP/1.1"


class Redirect(http.server.BaseHTTPRequestHandler):
    """Plain HTTP answered as download.docker.com answers it: 301 to the same path over HTTPS."""

    protocol_version = "HTTP/1.1"
    name = ""

    def do_GET(self):
        self.send_response(301)
        self.send_header("Location", "https://%s%s" % (self.name, self.path))
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET


def serve(server):
    server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--listen", default="")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--name", default="")
    args = parser.parse_args()
    files = functools.partial(Files, directory=args.directory)
    if not args.tls:
        host, port = args.listen.rsplit(":", 1)
        http.server.ThreadingHTTPServer((host, int(port)), files).serve_forever()
        return
    secure = http.server.ThreadingHTTPServer(("0.0.0.0", 443), files)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*args.tls)
    secure.socket = context.wrap_socket(secure.socket, server_side=True)
    Redirect.name = args.name
    plain = http.server.ThreadingHTTPServer(("0.0.0.0", 80), Redirect)
    threading.Thread(target=serve, args=(plain,), daemon=True).start()
    sys.stderr.write("serving %s on https://%s and redirecting http://\n" % (args.directory, args.name))
    secure.serve_forever()


if __name__ == "__main__":
    main()
