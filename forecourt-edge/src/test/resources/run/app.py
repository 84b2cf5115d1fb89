"""A small app for the run: tests: listens on $PORT (HTTP/1.1, keep-alive), answers with its version, pid and port.

GET /health   200, or 500 when HEALTHY=never (a broken revision)
GET /slow?ms=N  answers after N ms (requests in flight, for scaling and drain tests)
GET /crash    exits at once with status 3
START_DELAY=S waits S seconds before listening (a slow start); PID_DIR=D writes D/<pid> once listening;
IGNORE_TERM=1 ignores SIGTERM (only SIGKILL stops it).
"""
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port = int(os.environ["PORT"])
version = os.environ.get("VERSION", "1")
time.sleep(float(os.environ.get("START_DELAY", "0")))
if os.environ.get("IGNORE_TERM"):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path, _, query = self.path.partition("?")
        status = 200
        if path == "/health" and os.environ.get("HEALTHY") == "never":
            status = 500
        elif path == "/crash":
            os._exit(3)
        elif path == "/slow":
            time.sleep(int(query.split("=")[1]) / 1000)
        body = ('{"version":"%s","pid":%d,"port":%d}\n' % (version, os.getpid(), port)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
server.request_queue_size = 128
if os.environ.get("PID_DIR"):
    open(os.path.join(os.environ["PID_DIR"], str(os.getpid())), "w").close()
print("app version %s listening on %d" % (version, port), flush=True)
print("a line on stderr", file=sys.stderr, flush=True)
server.serve_forever()
