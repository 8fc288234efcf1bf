"""Sign-in sprayers against a running server, and /healthz's latency meanwhile.

    python -m bench.sign_in_spray http://127.0.0.1:8000 --sprayers 4 --seconds 30

Each sprayer posts a new username and a wrong password to /api/auth/token/ as fast as it is
answered; a prober asks /healthz every 50 ms. Prints the sprayers' answers by status and
/healthz's p50/p95/max in milliseconds. With the address lockout (core.sign_in) a sprayer's
address is refused after AXES_ADDRESS_FAILURE_LIMIT failures, before any password is hashed.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import statistics
import threading
import time
import urllib.error
import urllib.request


def post(url: str, body: bytes) -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})  # noqa: S310 - http(s) checked in main()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("--sprayers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    if not args.base_url.startswith(("http://", "https://")):
        parser.error("the base URL must be http:// or https://")
    deadline = time.monotonic() + args.seconds
    statuses: collections.Counter[int] = collections.Counter()
    latencies: list[float] = []
    numbers = itertools.count()
    lock = threading.Lock()

    def spray():
        while time.monotonic() < deadline:
            body = f'{{"username": "spray-{next(numbers)}", "password": "wrong password"}}'.encode()
            status = post(f"{args.base_url}/api/auth/token/", body)
            with lock:
                statuses[status] += 1

    def probe():
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{args.base_url}/healthz", timeout=30) as response:  # noqa: S310
                    response.read()
            except OSError:
                pass
            latencies.append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)

    threads = [threading.Thread(target=spray) for _ in range(args.sprayers)] + [threading.Thread(target=probe)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    quantiles = statistics.quantiles(latencies, n=20, method="inclusive")
    print(f"sprayers: {dict(sorted(statuses.items()))}")
    print(
        f"/healthz: {len(latencies)} probes, p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {quantiles[18]:.1f} ms, max {max(latencies):.1f} ms"
    )


if __name__ == "__main__":
    main()
