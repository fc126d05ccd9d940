"""A TCP proxy in front of the server that can cut a download off in the middle of its body.

Run as its own process (so its buffers and threads are not counted in the test process's memory):
it prints the port it listens on, then reads the server's ``host:port`` from its first input line.
Bytes pass through unchanged, except: when the file given as ``--cut-file`` exists as a download
request (``GET /_blob/dl/``) arrives, the file is consumed (its content is a byte count N) and
that connection is reset after N bytes of the answer went back to the client.
"""

import argparse
import os
import socket
import struct
import sys
import threading

BUFFER = 1 << 20


def pump(source: socket.socket, sink: socket.socket, watch: "Connection", upstream: bool) -> None:
    try:
        while True:
            data = source.recv(BUFFER)
            if not data:
                break
            if upstream:
                watch.saw_request(data)
                sink.sendall(data)
            elif not watch.send_down(sink, data):
                return
    except OSError:
        pass
    finally:
        watch.close()


class Connection:
    def __init__(self, client: socket.socket, server: socket.socket, cut_file: str) -> None:
        self.client, self.server, self.cut_file = client, server, cut_file
        self.cut_after = None  # bytes of the answer still let through before the reset
        self.lock = threading.Lock()

    def saw_request(self, data: bytes) -> None:
        if b"GET /_blob/dl/" in data:
            try:
                with open(self.cut_file) as f:
                    count = int(f.read().strip())
                os.unlink(self.cut_file)
            except (OSError, ValueError):
                return
            with self.lock:
                self.cut_after = count

    def send_down(self, sink: socket.socket, data: bytes) -> bool:
        with self.lock:
            limit = self.cut_after
        if limit is None or len(data) < limit:
            sink.sendall(data)
            if limit is not None:
                with self.lock:
                    self.cut_after = limit - len(data)
            return True
        sink.sendall(data[:limit])
        # SO_LINGER 0: the close resets the connection, as a dropped one looks to the client. The
        # shutdowns wake the thread reading the other way, whose pending read would keep it open.
        sink.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        for s, how in ((sink, socket.SHUT_RD), (self.server, socket.SHUT_RDWR)):
            try:
                s.shutdown(how)
            except OSError:
                pass
        self.close()
        return False

    def close(self) -> None:
        for s in (self.client, self.server):
            try:
                s.close()
            except OSError:
                pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cut-file", required=True)
    args = parser.parse_args()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    print(listener.getsockname()[1], flush=True)
    host, port = sys.stdin.readline().strip().rsplit(":", 1)
    while True:
        client, _ = listener.accept()
        server = socket.create_connection((host, int(port)))
        for s in (client, server):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        watch = Connection(client, server, args.cut_file)
        threading.Thread(target=pump, args=(client, server, watch, True), daemon=True).start()
        threading.Thread(target=pump, args=(server, client, watch, False), daemon=True).start()


if __name__ == "__main__":
    main()
