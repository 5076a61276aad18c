#!/usr/bin/env python3
"""The fault run's driver (load-tests/fault-run.sh starts the devstack and calls it; see load-tests/README.md).

Shoppers, registered and logged in first, check out, check out then pay later, and cancel, without pause, while a
schedule kills each service with SIGKILL in turn, stops PostgreSQL at once and freezes payment past the callers'
deadline. A shopper whose request gets no final answer (a 5xx, or 409 checkout_in_progress) retries it with the same
Idempotency-Key until it does, as a shopper's client would. Once the load has stopped and recovery has run, the
invariants are checked over every schema with SQL, every final answer is asked again with its key, and the figures
are printed and written as Markdown. Exits 1 when an invariant fails.
"""
import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

ADMIN = (os.environ.get("MESHMALL_ADMIN_EMAIL", "admin@meshmall.local"),
         os.environ.get("MESHMALL_ADMIN_PASSWORD", "meshmall-admin-123"))
PASSWORD = "fault-run-password-1"
ADDRESS = {"name": "Fault Runner", "street_address": "12 St James Square", "city": "London", "country": "GB",
           "zip_code": "SW1Y 4JH"}
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"
IN_PROGRESS = "checkout_in_progress"
# a request unanswered this long is a hang: the run fails
CLIENT_TIMEOUT = 60
RETRY_PAUSE = 1.0


def log(message):
    print(f"fault-run | {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


class Shop:
    """The shop's REST API through the entry port; every request and its answer is counted."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.hangs = []

    def call(self, method, path, body=None, token=None, key=None):
        """(status, parsed body); status 0 when no answer came (refused, reset, or a timeout: a hang)."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if key:
            headers["Idempotency-Key"] = key
        began = time.monotonic()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=CLIENT_TIMEOUT)
        try:
            connection.request(method, path, None if body is None else json.dumps(body), headers)
            response = connection.getresponse()
            raw = response.read()
            status = response.status
        except TimeoutError:
            with self.lock:
                self.hangs.append((method, path, time.monotonic() - began))
                self.statuses["timeout"] += 1
            return 0, {}
        except OSError:
            with self.lock:
                self.statuses["no connection"] += 1
            return 0, {}
        finally:
            connection.close()
        with self.lock:
            self.statuses[status] += 1
        try:
            return status, json.loads(raw) if raw else {}
        except ValueError:
            return status, {}

    def requests(self):
        with self.lock:
            return sum(self.statuses.values())


def final(status, body):
    """Whether an answer to a keyed request is its outcome, or asks for a retry with the same key."""
    if status == 0 or status >= 500 or status == 429:
        return False
    if body.get("payment_status") == "PENDING":
        return False  # answered while the processor has not decided: the outcome comes later under the same key
    return not (status == 409 and body.get("code") == IN_PROGRESS)


def outcome(body):
    """What an answer says: the order's status and id for a receipt, the code and detail of a problem."""
    if "code" in body:
        return f"{body['code']} ({body.get('detail', '')})"
    return f"{body.get('status')} order {body.get('order_id')}"


class Operation:
    """One checkout or payment of a shopper, with every answer its key got, until the final one."""

    def __init__(self, kind, path, body, key, token):
        self.kind, self.path, self.body, self.key, self.token = kind, path, body, key, token
        self.answers = []  # (monotonic time, status, code)
        self.final = None  # (status, body)

    def interrupted(self):
        return any(not final(s, {"code": c}) for _, s, c in self.answers)

    def first_interruption(self):
        return next((t for t, s, c in self.answers if not final(s, {"code": c})), None)

    def settled_at(self):
        return self.answers[-1][0] if self.final else None

    def in_progress_span(self):
        times = [t for t, s, c in self.answers if s == 409 and c == IN_PROGRESS]
        return times[-1] - times[0] if times else 0.0


class Shopper(threading.Thread):
    def __init__(self, run, number, email, token):
        super().__init__(name=f"shopper-{number}", daemon=True)
        self.run_, self.email, self.token = run, email, token
        self.random = random.Random(number)
        self.orders = []  # (order id, status as last seen)

    def run(self):
        while not self.run_.load_over.is_set():
            action = self.random.choices(["checkout", "pay later", "cancel"], weights=[5, 3, 2])[0]
            if action == "cancel" and self.orders:
                self.cancel()
            elif action == "pay later":
                self.buy(pays_now=False)
            else:
                self.buy(pays_now=True)

    def fill_cart(self):
        shop = self.run_.shop
        status, _ = shop.call("DELETE", "/api/v1/cart", token=self.token)
        if status not in (200, 204):
            time.sleep(RETRY_PAUSE)
            return False
        for product in self.random.sample(self.run_.products, self.random.randint(1, 3)):
            status, _ = shop.call("POST", "/api/v1/cart/items", {"product_id": product,
                                                                 "quantity": self.random.randint(1, 2)}, self.token)
            if status != 200:
                time.sleep(RETRY_PAUSE)
                return False
        return True

    def card(self):
        number = DECLINED_CARD if self.random.random() < 0.1 else GOOD_CARD
        return {"number": number, "exp_month": 12, "exp_year": 2031, "cvv": "123", "holder_name": "Fault Runner"}

    def buy(self, pays_now):
        if not self.fill_cart():
            return
        body = {"address": ADDRESS, "email": self.email}
        if pays_now:
            body["card"] = self.card()
        checkout = self.settle(Operation("checkout" if pays_now else "checkout, pay later", "/api/v1/checkout", body,
                                         str(uuid.uuid4()), self.token))
        if checkout is None or checkout[0] != 201:
            return
        order_id, status = checkout[1]["order_id"], checkout[1]["status"]
        if status == "PENDING_PAYMENT":
            paid = self.settle(Operation("pay", f"/api/v1/orders/{order_id}/pay", {"card": self.card()},
                                         str(uuid.uuid4()), self.token))
            if paid is not None and paid[0] == 201:
                status = paid[1]["status"]
        self.orders.append([order_id, status])

    def cancel(self):
        order = self.orders.pop(self.random.randrange(len(self.orders)))
        began = time.monotonic()
        while time.monotonic() < self.run_.settle_deadline:
            status, body = self.run_.shop.call("POST", f"/api/v1/orders/{order[0]}/cancel", {}, self.token)
            if status and status < 500:
                self.run_.record_cancel(status, body, time.monotonic() - began)
                return
            time.sleep(RETRY_PAUSE)
        self.run_.record_unsettled(f"cancel of order {order[0]}")

    def settle(self, operation):
        """Sends the operation, then again with its key while the answer is not final; the final answer."""
        self.run_.record(operation)
        while time.monotonic() < self.run_.settle_deadline:
            status, body = self.run_.shop.call("POST", operation.path, operation.body, self.token, operation.key)
            operation.answers.append((time.monotonic(), status, body.get("code", "")))
            if final(status, body):
                operation.final = (status, body)
                return operation.final
            time.sleep(RETRY_PAUSE)
        self.run_.record_unsettled(f"{operation.kind} with key {operation.key}")
        return None


class Stack:
    """The devstack's processes: each service's JVM (a child of the devstack) and PostgreSQL's postmaster."""

    def __init__(self, devstack_pid, data_dir, log_file):
        self.devstack_pid, self.data_dir, self.log_file = devstack_pid, Path(data_dir), Path(log_file)

    def service_pid(self, service):
        for task in Path(f"/proc/{self.devstack_pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                try:
                    command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                except OSError:
                    continue
                if f"meshmall-{service}.jar" in command:
                    return int(child)
        return None

    def postmaster_pid(self):
        try:
            return int((self.data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def healthy_lines(self, name):
        return len(re.findall(rf"{name}: healthy again|{name}: running again", self.log_file.read_text()))

    def await_running(self, service, timeout=120):
        """The service's pid once it is healthy (none of its restarts pending); None after the timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log_file.read_text()
            exits = len(re.findall(rf"\b{service} exited with code", text))
            if exits == self.healthy_lines(service):
                pid = self.service_pid(service)
                if pid:
                    return pid
            time.sleep(0.5)
        return None

    def await_postgres(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log_file.read_text()
            if len(re.findall(r"PostgreSQL \(pid \d+\) exited", text)) == self.healthy_lines("PostgreSQL"):
                pid = self.postmaster_pid()
                if pid and Path(f"/proc/{pid}").exists():
                    return pid
            time.sleep(0.5)
        return None


class Faults(threading.Thread):
    """The schedule: (seconds after the load starts, what, target)."""

    def __init__(self, run, schedule, freeze_seconds):
        super().__init__(name="faults", daemon=True)
        self.run_, self.schedule, self.freeze_seconds = run, schedule, freeze_seconds
        self.injected = []  # (monotonic time, description)

    def run(self):
        for offset, what, target in self.schedule:
            wait = self.run_.load_started + offset - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            if what == "kill":
                self.kill(target)
            elif what == "freeze":
                self.freeze(target)
            elif what == "stop":
                self.stop_postgres()

    def note(self, description):
        self.injected.append((time.monotonic(), description))
        log(f"fault: {description}")

    def kill(self, service):
        pid = self.run_.stack.await_running(service)
        if pid is None:
            self.run_.problems.append(f"{service} was not running to be killed")
            return
        os.kill(pid, signal.SIGKILL)
        self.note(f"SIGKILL {service} (pid {pid})")

    def freeze(self, service):
        pid = self.run_.stack.await_running(service)
        if pid is None:
            self.run_.problems.append(f"{service} was not running to be frozen")
            return
        os.kill(pid, signal.SIGSTOP)
        self.note(f"SIGSTOP {service} (pid {pid}) for {self.freeze_seconds} s")
        time.sleep(self.freeze_seconds)
        os.kill(pid, signal.SIGCONT)
        log(f"fault: SIGCONT {service} (pid {pid})")

    def stop_postgres(self):
        pid = self.run_.stack.await_postgres()
        if pid is None:
            self.run_.problems.append("PostgreSQL was not running to be stopped")
            return
        # pg_ctl stop -m immediate sends this signal; pg_ctl itself refuses to run as root
        os.kill(pid, signal.SIGQUIT)
        self.note(f"immediate stop of PostgreSQL (SIGQUIT to the postmaster, pid {pid})")


class Database:
    def __init__(self, port):
        self.port = port

    def rows(self, sql):
        result = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "meshmall",
                                 "-v", "ON_ERROR_STOP=1", "-qAtF", "\t", "-c", sql],
                                capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr.strip()}")
        return [line.split("\t") for line in result.stdout.splitlines() if line]

    def value(self, sql):
        return int(self.rows(sql)[0][0])


class Run:
    def __init__(self, args):
        self.args = args
        self.shop = Shop("127.0.0.1", args.port)
        self.stack = Stack(args.devstack_pid, args.data_dir, args.devstack_log)
        self.db = Database(args.pg_port)
        self.lock = threading.Lock()
        self.operations = []
        self.cancels = []
        self.unsettled = []
        self.problems = []
        self.products = []
        self.initial_stock = {}
        self.load_over = threading.Event()
        self.load_started = 0.0
        self.settle_deadline = float("inf")

    def record(self, operation):
        with self.lock:
            self.operations.append(operation)

    def record_cancel(self, status, body, took):
        with self.lock:
            self.cancels.append((status, body.get("status", body.get("code", "")), took))

    def record_unsettled(self, what):
        with self.lock:
            self.unsettled.append(what)

    def admin_token(self):
        status, body = self.shop.call("POST", "/api/v1/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})
        if status != 200:
            raise SystemExit(f"fault-run: the admin cannot log in ({status} {body})")
        return body["access_token"]

    def load_catalog(self):
        token = self.admin_token()
        for i in range(self.args.products):
            status, body = self.shop.call("POST", "/api/v1/products", {
                "name": f"Fault Item {i + 1}", "description": "A product of the fault run", "picture_url": "",
                "price": {"amount": 700 + i * 25, "currency": "USD"}, "categories": [self.args.category],
                "stock": self.args.stock}, token)
            if status != 201:
                raise SystemExit(f"fault-run: creating product {i + 1} failed ({status} {body})")
            self.products.append(body["id"])
            self.initial_stock[body["id"]] = self.args.stock

    def sign_up(self, number):
        email = f"shopper-{number}-{uuid.uuid4().hex[:8]}@fault.meshmall.local"
        status, body = self.shop.call("POST", "/api/v1/users", {"email": email, "password": PASSWORD,
                                                                "name": f"Shopper {number}"})
        if status != 201:
            raise SystemExit(f"fault-run: signing up {email} failed ({status} {body})")
        status, body = self.shop.call("POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
        if status != 200:
            raise SystemExit(f"fault-run: logging in {email} failed ({status} {body})")
        return Shopper(self, number, email, body["access_token"])

    def schedule(self):
        """Each service killed in turn (checkout, payment and order twice), PostgreSQL stopped, payment frozen."""
        first = ["checkout", "payment", "order", "product", "cart", "checkout", "user", "payment", "auth", "order"]
        steps = [("kill", s) for s in first]
        steps.insert(3, ("freeze", "payment"))
        steps.insert(7, ("stop", "PostgreSQL"))
        gap = (self.args.load_seconds - 2 * self.args.warm_up) / len(steps)
        return [(self.args.warm_up + i * gap, what, target) for i, (what, target) in enumerate(steps)]

    def await_recovery(self):
        """Until no checkout is left unfinished and no payment pending, or the time given to recovery is up."""
        deadline = time.monotonic() + self.args.recovery_seconds
        while True:
            try:
                open_checkouts = self.db.value(
                    "SELECT count(*) FROM checkout.checkouts WHERE state NOT IN ('COMPLETED', 'ABANDONED')")
                pending = self.db.value("SELECT count(*) FROM payments.payments WHERE status = 'PENDING'")
            except RuntimeError as e:
                open_checkouts, pending = -1, -1
                log(str(e))
            if open_checkouts == 0 and pending == 0:
                return
            if time.monotonic() > deadline:
                log(f"recovery: {open_checkouts} checkouts unfinished, {pending} payments pending after "
                    f"{self.args.recovery_seconds} s")
                return
            time.sleep(2)

    def replay(self):
        """Every keyed request that got an outcome, sent again with its key: the same outcome, at once."""
        mismatches = []
        replayed = 0
        for operation in self.operations:
            if operation.final is None:
                continue
            status, body = operation.final
            if status not in (201, 402) and body.get("code") != "checkout_abandoned":
                continue  # refused before anything was recorded: the key is free again
            again, again_body = self.shop.call("POST", operation.path, operation.body, operation.token,
                                               operation.key)
            replayed += 1
            same = again == status and again_body.get("order_id") == body.get("order_id") \
                and again_body.get("status") == body.get("status") and again_body.get("code") == body.get("code")
            if not same:
                mismatches.append(f"{operation.kind} {operation.key}: {status} {outcome(body)} then {again} "
                                  f"{outcome(again_body)}")
        return replayed, mismatches

    def invariants(self):
        """(name, held, detail) for each invariant over the schemas."""
        q = self.db.rows
        checks = []
        unfinished = q("SELECT state, count(*) FROM checkout.checkouts WHERE state NOT IN ('COMPLETED', 'ABANDONED')"
                       " GROUP BY state")
        checks.append(("every checkout terminal (COMPLETED or ABANDONED)", not unfinished, unfinished))
        pending = q("SELECT id FROM payments.payments WHERE status = 'PENDING'")
        checks.append(("no payment left PENDING", not pending, pending[:5]))
        badly_paid = q("""
            SELECT o.id, o.total_amount,
                   (SELECT count(*) FROM payments.payments p WHERE p.order_id = o.id AND p.status = 'SUCCEEDED'),
                   (SELECT count(*) FROM payments.payments p WHERE p.order_id = o.id AND p.status = 'SUCCEEDED'
                      AND p.id = o.payment_id AND p.amount = o.total_amount AND p.currency = o.currency)
            FROM orders.orders o WHERE o.status = 'PAID'""")
        wrong = [r for r in badly_paid if r[2] != "1" or r[3] != "1"]
        checks.append(("every PAID order has exactly one SUCCEEDED payment, its own, of its total", not wrong,
                       wrong[:5]))
        orphans = q("""
            SELECT p.id, p.order_id, COALESCE(o.status, 'no order') FROM payments.payments p
            LEFT JOIN orders.orders o ON o.id = p.order_id
            WHERE p.status = 'SUCCEEDED' AND (o.id IS NULL OR o.status NOT IN ('PAID', 'REFUNDED'))""")
        checks.append(("every SUCCEEDED payment belongs to a PAID or REFUNDED order", not orphans, orphans[:5]))
        refunded = q("""
            SELECT o.id FROM orders.orders o LEFT JOIN payments.payments p ON p.id = o.payment_id
            WHERE o.status = 'REFUNDED' AND (p.id IS NULL OR p.status <> 'REFUNDED' OR p.amount <> o.total_amount)""")
        checks.append(("every REFUNDED order's own payment is refunded in full", not refunded, refunded[:5]))
        twice = q("""
            SELECT order_id, count(*) FROM payments.payments WHERE status IN ('SUCCEEDED', 'REFUNDED')
            GROUP BY order_id HAVING count(*) > 1""")
        checks.append(("no order paid twice", not twice, twice[:5]))
        ids = ",".join(f"'{p}'" for p in self.products)
        stock = q(f"""
            SELECT p.id, p.stock,
                   COALESCE(SUM(i.quantity) FILTER (WHERE r.state = 'RESERVED'), 0),
                   COALESCE(SUM(i.quantity) FILTER (WHERE r.state = 'COMMITTED'), 0)
            FROM catalog.products p
            LEFT JOIN catalog.reservation_items i ON i.product_id = p.id
            LEFT JOIN catalog.reservations r ON r.order_id = i.order_id
            WHERE p.id IN ({ids}) GROUP BY p.id, p.stock""")
        lost = [r for r in stock if int(r[1]) + int(r[2]) + int(r[3]) != self.initial_stock[r[0]]]
        self.stock = [sum(int(r[i]) for r in stock) for i in (1, 2, 3)]
        checks.append(("stock conserved: initial = on hand + reserved + sold, for every product", not lost,
                       lost[:5]))
        disagree = q("""
            SELECT o.id, o.status, COALESCE(r.state, 'none') FROM orders.orders o
            LEFT JOIN catalog.reservations r ON r.order_id = o.id
            WHERE (o.status IN ('PAID', 'REFUNDED') AND COALESCE(r.state, '') <> 'COMMITTED')
               OR (o.status = 'CANCELLED' AND COALESCE(r.state, 'RELEASED') <> 'RELEASED')
               OR (o.status = 'PENDING_PAYMENT' AND COALESCE(r.state, '') <> 'RESERVED')""")
        checks.append(("each order's stock agrees with it (paid: sold, cancelled: released, unpaid: reserved)",
                       not disagree, disagree[:5]))
        checks.append((f"every request answered within {CLIENT_TIMEOUT} s (no hang)", not self.shop.hangs,
                       self.shop.hangs[:5]))
        checks.append(("every checkout, payment and cancel got its final answer", not self.unsettled,
                       self.unsettled[:5]))
        return checks

    def main(self):
        log(f"loading {self.args.products} products with stock {self.args.stock} into '{self.args.category}'")
        self.load_catalog()
        log(f"signing up and logging in {self.args.shoppers} shoppers")
        shoppers = [self.sign_up(i + 1) for i in range(self.args.shoppers)]
        faults = Faults(self, self.schedule(), self.args.freeze_seconds)
        self.load_started = time.monotonic()
        self.settle_deadline = self.load_started + self.args.load_seconds + self.args.settle_seconds
        log(f"load: {len(shoppers)} shoppers for {self.args.load_seconds} s; faults at "
            + ", ".join(f"{int(o)} s {w} {t}" for o, w, t in faults.schedule))
        for shopper in shoppers:
            shopper.start()
        faults.start()
        time.sleep(self.args.load_seconds)
        self.load_over.set()
        log("load over: the shoppers finish what they started")
        for shopper in shoppers:
            shopper.join()
        faults.join()
        load_took = time.monotonic() - self.load_started
        log(f"waiting for recovery (at most {self.args.recovery_seconds} s)")
        recovery_began = time.monotonic()
        self.await_recovery()
        recovery_took = time.monotonic() - recovery_began
        replayed, mismatches = self.replay()
        checks = self.invariants()
        checks.append(("the same key asked again after the run answers the same outcome", not mismatches,
                       mismatches[:5]))
        checks.extend(("fault schedule: " + p, False, "") for p in self.problems)
        report = self.report(faults, load_took, recovery_took, replayed, checks)
        print(report)
        if self.args.markdown:
            Path(self.args.markdown).write_text(report + "\n")
        return 0 if all(held for _, held, _ in checks) else 1

    def report(self, faults, load_took, recovery_took, replayed, checks):
        lines = [f"## Fault run of {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC", ""]
        lines.append(f"{self.args.shoppers} shoppers, {load_took:.0f} s of load, recovery settled in "
                     f"{recovery_took:.0f} s; {self.shop.requests()} requests: "
                     + ", ".join(f"{k} × {v}" for k, v in sorted(self.shop.statuses.items(), key=lambda kv: str(kv[0]))))
        lines.append("")
        lines.append(f"Faults injected ({len(faults.injected)}):")
        for at, what in faults.injected:
            lines.append(f"- {at - self.load_started:5.0f} s  {what}")
        lines.append("")
        lines.append("Checkouts by outcome (checkout.checkouts):")
        lines.append("")
        lines.append("| kind | state | order | payment | failure | count |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for row in self.db.rows("""
                SELECT kind, state, COALESCE(order_status, ''), COALESCE(payment_status, ''),
                       COALESCE(failure_code, ''), count(*)
                FROM checkout.checkouts GROUP BY 1, 2, 3, 4, 5 ORDER BY 6 DESC"""):
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
        by_kind = Counter(op.kind for op in self.operations)
        finals = Counter((op.kind, op.final[0] if op.final else "none") for op in self.operations)
        lines.append("Shoppers' operations and their final answers: "
                     + "; ".join(f"{k} {v} ({', '.join(f'{s} × {n}' for (kk, s), n in sorted(finals.items(), key=str) if kk == k)})"
                                 for k, v in sorted(by_kind.items()))
                     + f"; cancels {len(self.cancels)} ("
                     + ", ".join(f"{s} × {n}" for s, n in sorted(Counter(c[0] for c in self.cancels).items())) + ")")
        refusals = Counter(f"{op.final[0]} {op.final[1].get('code', '')}" for op in self.operations
                           if op.final and op.final[0] >= 300)
        lines.append("")
        lines.append("Final answers other than a success: " + (", ".join(f"{k} × {v}" for k, v in sorted(refusals.items()))
                                                          or "none"))
        lines.append("")
        lines.append("Time to a settled answer:")
        lines.extend(self.settle_times(faults))
        lines.append(f"- replayed after the run with the same key: {replayed}")
        on_hand, reserved, sold = self.stock
        lines.append(f"- stock: initial {sum(self.initial_stock.values())} = on hand {on_hand} + reserved {reserved}"
                     f" + sold {sold}")
        lines.append("")
        lines.append("Invariants:")
        for name, held, detail in checks:
            lines.append(f"- {'held' if held else 'FAILED'}: {name}" + ("" if held else f" — {detail}"))
        held = sum(1 for _, h, _ in checks if h)
        lines.append("")
        lines.append(f"{held} of {len(checks)} invariants held.")
        return "\n".join(lines)

    def settle_times(self, faults):
        interrupted = [op for op in self.operations if op.interrupted() and op.final]
        lines = [f"- operations interrupted (a 5xx, no answer, or 409 {IN_PROGRESS} before the outcome): "
                 f"{len(interrupted)} of {len(self.operations)}"]
        if not interrupted:
            return lines
        waits = sorted(op.settled_at() - op.first_interruption() for op in interrupted)
        spans = [op.in_progress_span() for op in interrupted]
        lines.append(f"- from the first interrupted answer to the outcome: median {statistics.median(waits):.1f} s, "
                     f"max {waits[-1]:.1f} s")
        lines.append(f"- longest a key stayed 409 {IN_PROGRESS}: {max(spans):.1f} s")
        per_fault = defaultdict(list)
        for op in interrupted:
            began = op.first_interruption()
            before = [f for f in faults.injected if f[0] <= began]
            if before:
                at, what = before[-1]
                per_fault[(at, what)].append(op.settled_at() - at)
        lines.append("- from each fault to the last outcome of the requests it interrupted:")
        for (at, what), times in sorted(per_fault.items()):
            lines.append(f"  - {what}: {len(times)} interrupted, settled within {max(times):.1f} s")
        return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="the entry port")
    parser.add_argument("--pg-port", type=int, required=True)
    parser.add_argument("--data-dir", required=True, help="the devstack's --data-dir")
    parser.add_argument("--devstack-pid", type=int, required=True)
    parser.add_argument("--devstack-log", required=True)
    parser.add_argument("--shoppers", type=int, default=24)
    parser.add_argument("--products", type=int, default=20)
    parser.add_argument("--stock", type=int, default=100000)
    parser.add_argument("--category", default="fault")
    parser.add_argument("--load-seconds", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=15, help="seconds of load before the first fault")
    parser.add_argument("--freeze-seconds", type=int, default=15)
    parser.add_argument("--settle-seconds", type=int, default=180,
                        help="how long after the load a shopper keeps retrying for its outcome")
    parser.add_argument("--recovery-seconds", type=int, default=180)
    parser.add_argument("--markdown", help="also write the figures here")
    return Run(parser.parse_args()).main()


if __name__ == "__main__":
    sys.exit(main())
