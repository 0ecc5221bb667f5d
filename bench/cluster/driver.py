#!/usr/bin/env python3
"""The client side of the cluster bench (bench/cluster/run.sh): signs users up, submits jobs round-robin over
the nodes, waits until every job is terminal (running one event command, e.g. a kill -9, once a given number
of jobs is terminal), then checks the outcome against the API and the fake vendor and prints PASS/FAIL lines.

  driver.py users --api URL --tag T --count N --out FILE
  driver.py run --api URL[,URL...] --users FILE --tag T --jobs N --vendor URL --out FILE
                [--event-at-done K --event CMD] [--watch FILE [--lease S --takeover-log FILES]] [--timeout S]
                [--expect-all-succeeded]

Only loopback URLs are accepted. Exit status 1 when a check fails, 2 on a usage or setup error.
"""
import argparse
import concurrent.futures
import datetime
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

TERMINAL = {"succeeded", "failed", "rejected", "canceled"}
# answers retried (on the next node, or later) and counted: the bench's tokens are valid and its paths exist, so
# a 401 or 404 means the node is not (fully) serving, e.g. while its components re-activate after a config edit
RETRIED = (0, 401, 404, 500, 502, 503)


def call(method, url, body=None, token=None, headers=None, timeout=30):
    """(status, parsed JSON or None); status 0 for a connection that failed (a dead node)."""
    host = urllib.parse.urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit("loopback targets only: " + url)
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw) if raw else None
        except ValueError:
            return e.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, None


def millis(iso):
    if not iso:
        return None
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000


def users(a):
    api = a.api.split(",")[0]
    for _ in range(120):  # a node whose configuration just changed may be re-deploying its resources
        status, policy = call("GET", api + "/policies/privacy")
        if status == 200:
            break
        time.sleep(1)
    if status != 200:
        raise SystemExit("no privacy policy: %s" % status)
    out = []
    for i in range(a.count):
        email = "%s-%d-%d@bench.example.org" % (a.tag.lower(), i, int(time.time()))
        account = {"name": "Bench %s %d" % (a.tag, i), "email": email, "password": "a long bench password",
                   "birthDate": "1990-05-01", "acceptedPolicyVersion": policy["version"]}
        for _ in range(60):
            status, body = call("POST", api + "/accounts", account)
            if status != 429 and status != 503:
                break
            time.sleep(1)
        if status != 201:
            raise SystemExit("sign-up answered %s: %s" % (status, body))
        status, session = call("POST", api + "/sessions", {"email": email, "password": account["password"]})
        if status not in (200, 201):
            raise SystemExit("sign-in answered %s: %s" % (status, session))
        status, credits = call("GET", api + "/credits", token=session["token"])
        out.append({"email": email, "token": session["token"], "start": credits["balance"]})
    json.dump(out, open(a.out, "w"), indent=1)
    print("%d users, %d credits each" % (len(out), out[0]["start"]))


class Nodes:
    """The nodes' API URLs; a request goes to the next node that answers (a dead node answers status 0)."""

    def __init__(self, apis):
        self.apis = apis
        self.next = 0
        self.lock = threading.Lock()
        # retried answers: "down" (connection failed), "not-ready S" (status S while /health/ready was not 200),
        # "ready S" (status S from a node that said it was ready)
        self.unavailable = {}

    def note(self, status):
        with self.lock:
            self.unavailable[status] = self.unavailable.get(status, 0) + 1

    def request(self, method, path, body=None, token=None, headers=None, start=None, deadline=None):
        """Tries each node in turn (from start, else round-robin) until one answers, up to the deadline."""
        with self.lock:
            i = self.next if start is None else start
            self.next += 1
        while True:
            for k in range(len(self.apis)):
                api = self.apis[(i + k) % len(self.apis)]
                status, answer = call(method, api + path, body, token, headers)
                if status not in RETRIED:
                    return status, answer, api
                if status == 0:
                    self.note("down")
                else:
                    ready, _ = call("GET", api + "/health/ready")
                    self.note("%s %d" % ("ready" if ready == 200 else "not-ready", status))
            if deadline is None or time.time() > deadline:
                return status, answer, None
            time.sleep(0.5)


def submit_all(a, nodes, accounts):
    def one(i):
        account = accounts[i % len(accounts)]
        prompt = "a lighthouse on a cliff at dawn, %s job %d" % (a.tag, i)
        body = {"type": "text-to-image", "prompt": prompt, "width": 256, "height": 256}
        # the same Idempotency-Key on a retry (another node, a restarted one) never makes a second job
        status, job, api = nodes.request("POST", "/generations", body, account["token"],
                                         {"Idempotency-Key": "%s-%d" % (a.tag, i)}, start=i % len(nodes.apis),
                                         deadline=time.time() + a.timeout)
        if status != 202:
            raise SystemExit("submit %d answered %s: %s" % (i, status, job))
        return {"id": job["id"], "user": i % len(accounts), "prompt": prompt, "node": api}

    with concurrent.futures.ThreadPoolExecutor(a.submitters) as pool:
        return list(pool.map(one, range(a.jobs)))


def statuses(nodes, accounts, ids, patience):
    """Every listed job's view, read through the users' job lists (100 per page)."""
    seen = {}
    for account in accounts:
        offset = 0
        while True:
            status, page, _ = nodes.request("GET", "/generations?limit=100&offset=%d" % offset,
                                            token=account["token"], deadline=time.time() + patience)
            if status != 200:
                raise SystemExit("listing jobs answered %s" % status)
            for job in page:
                if job["id"] in ids:
                    seen[job["id"]] = job
            if len(page) < 100:
                break
            offset += 100
    return seen


def run(a):
    accounts = json.load(open(a.users))
    nodes = Nodes(a.api.split(","))
    started = time.time()
    jobs = submit_all(a, nodes, accounts)
    submitted = time.time()
    ids = {j["id"] for j in jobs}
    print("%s: %d jobs submitted in %.1f s over %d node(s)" % (a.tag, len(jobs), submitted - started,
                                                                len(nodes.apis)), flush=True)
    event_at = event_done = event_rc = None
    watched = None
    watched_done_at = None
    views = {}
    deadline = time.time() + a.timeout
    while True:
        views = statuses(nodes, accounts, ids, a.timeout)
        done = sum(1 for v in views.values() if v["status"] in TERMINAL)
        if a.event and event_at is None and done >= a.event_at_done:
            event_at = time.time()
            print("%s: %d/%d terminal, running: %s" % (a.tag, done, len(ids), a.event), flush=True)
            event_rc = subprocess.run(["bash", "-c", a.event]).returncode
            event_done = time.time()
            if a.watch:
                watched = {line.strip() for line in open(a.watch) if line.strip()}
                print("%s: %d jobs were running on the node at the event" % (a.tag, len(watched)), flush=True)
        if watched is not None and watched_done_at is None and all(
                views.get(w, {}).get("status") in TERMINAL for w in watched):
            watched_done_at = time.time()
        if done == len(ids):
            break
        if time.time() > deadline:
            print("%s: timeout, %d of %d jobs terminal" % (a.tag, done, len(ids)), flush=True)
            break
        time.sleep(0.5)
    finished = time.time()
    outage = dict(nodes.unavailable)
    result = check(a, nodes, accounts, jobs, views)
    result["retried_answers_during_run"] = dict(sorted(outage.items()))
    if a.no_outage:
        verdict(result, "every request answered at once (no node down, not ready or failing during the run)",
                not outage, "retried answers: %s" % result["retried_answers_during_run"])
    else:
        failed = sum(n for k, n in outage.items() if k.startswith("ready "))
        verdict(result, "a node that said it was ready served every request (404/5xx from a node down or "
                "starting are retried, and reported)", failed == 0,
                "retried answers: %s" % result["retried_answers_during_run"])
    result.update({"tag": a.tag, "jobs": len(jobs), "nodes": len(nodes.apis), "submit_seconds": submitted - started})
    completed = [millis(v.get("completedAt")) for v in views.values() if v.get("completedAt")]
    if completed:
        span = (max(completed) - started * 1000) / 1000
        result["span_seconds"] = round(span, 2)
        result["jobs_per_second"] = round(len(jobs) / span, 2)
    if event_at is not None:
        result["event_after_seconds"] = round(event_at - started, 1)
        result["event_took_seconds"] = round(event_done - event_at, 1)
        result["all_terminal_after_event_seconds"] = round(finished - event_at, 1)
        verdict(result, "the event command ran", event_rc == 0, "%s, exit status %d" % (a.event, event_rc))
    if watched is not None:
        result["watched_jobs"] = len(watched)
        repeated = set(result["vendor"]["repeated_job_ids"])
        result["repeated_among_watched"] = len(repeated & watched)
        result["repeated_not_watched"] = sorted(repeated - watched)
        if watched_done_at is not None:
            result["watched_terminal_after_event_seconds"] = round(watched_done_at - event_at, 1)
    if watched is not None and a.takeover_log:
        # the takeover itself, as the engine logs it: "job <id> was running on a node whose lease ran out; taken over"
        taken = {}
        for path in a.takeover_log.split(","):
            for line in open(path, errors="replace"):
                if "whose lease ran out; taken over" in line:
                    for w in watched:
                        if "job %s " % w in line:
                            at = datetime.datetime.strptime(line[:23], "%Y-%m-%dT%H:%M:%S,%f").timestamp()
                            if at >= event_at:
                                taken[w] = min(taken.get(w, at), at)
        # a job may still have finished on the node between the query of its claims and the kill
        finished_before = {w for w in watched - set(taken)
                           if (millis(views.get(w, {}).get("completedAt")) or float("inf")) <= event_done * 1000}
        bound = 2 * a.lease
        last = max(taken.values()) - event_at if taken else None
        result["taken_over"] = len(taken)
        if last is not None:
            result["takeover_after_event_seconds"] = round(last, 1)
        ok = len(taken) + len(finished_before) == len(watched) and (last is None or last <= bound)
        verdict(result, "takeover: the jobs running on the killed node were taken over within 2x lease (%d s) "
                "of the kill" % bound, ok, "%d of %d taken over (the engine's log lines), the last %s s after the "
                "kill; %d finished there before the kill" % (len(taken), len(watched),
                                                               "-" if last is None else round(last, 1),
                                                               len(finished_before)))
    result["job_list"] = jobs
    json.dump(result, open(a.out, "w"), indent=1)
    print("%s: %s" % (a.tag, json.dumps({k: v for k, v in result.items() if k not in ("checks", "job_list")})))
    for c in result["checks"]:
        print("%s %s: %s (%s)" % ("PASS" if c["ok"] else "FAIL", a.tag, c["name"], c["detail"]))
    sys.exit(0 if all(c["ok"] for c in result["checks"]) else 1)


def verdict(result, name, ok, detail):
    result.setdefault("checks", []).append({"name": name, "ok": bool(ok), "detail": detail})


def check(a, nodes, accounts, jobs, views):
    result = {}
    by_status = {}
    for v in views.values():
        by_status[v["status"]] = by_status.get(v["status"], 0) + 1
    errors = {}
    for v in views.values():
        if v.get("error"):
            errors[v["error"]["code"]] = errors.get(v["error"]["code"], 0) + 1
    result["statuses"] = by_status
    result["errors"] = errors
    terminal = sum(n for s, n in by_status.items() if s in TERMINAL)
    # each job in detail: its attempts and its own credit entries (hold, then one capture or one release)
    details = {}

    def detail(job):
        account = accounts[job["user"]]
        status, view, _ = nodes.request("GET", "/generations/" + job["id"], token=account["token"],
                                        deadline=time.time() + 60)
        return job["id"], view if status == 200 else None

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for job_id, view in pool.map(detail, jobs):
            details[job_id] = view
    settled_wrong = []
    outputs_wrong = []
    attempts_per_job = {}
    for job in jobs:
        v = details.get(job["id"])
        if v is None:
            settled_wrong.append(job["id"])
            continue
        kinds = [e["kind"] for e in v.get("credits", [])]
        holds = len({e["transaction"] for e in v.get("credits", []) if e["kind"] == "hold"})
        captures = len({e["transaction"] for e in v.get("credits", []) if e["kind"] == "capture"})
        releases = len({e["transaction"] for e in v.get("credits", []) if e["kind"] == "release"})
        want = (1, 0) if v["status"] == "succeeded" else (0, 1)
        if v["status"] not in TERMINAL or holds != 1 or (captures, releases) != want:
            settled_wrong.append("%s %s %s" % (job["id"], v["status"], kinds))
        if v["status"] == "succeeded" and len(v.get("outputs", [])) != 1:
            outputs_wrong.append("%s outputs=%d" % (job["id"], len(v.get("outputs", []))))
        n = len(v.get("attempts", []))
        attempts_per_job[n] = attempts_per_job.get(n, 0) + 1
    result["attempts_per_job"] = {str(k): n for k, n in sorted(attempts_per_job.items())}
    verdict(result, "every job terminal", terminal == len(jobs),
            "%d of %d terminal: %s" % (terminal, len(jobs), by_status))
    verdict(result, "every job settled exactly once (one hold, then one capture if succeeded, else one release)",
            not settled_wrong, "%d wrong%s" % (len(settled_wrong), (": " + ", ".join(settled_wrong[:5])) if settled_wrong else ""))
    verdict(result, "every succeeded job has exactly one output", not outputs_wrong,
            "%d wrong%s" % (len(outputs_wrong), (": " + ", ".join(outputs_wrong[:5])) if outputs_wrong else ""))
    if a.expect_all_succeeded:
        verdict(result, "every job succeeded", by_status.get("succeeded", 0) == len(jobs),
                "%s, errors %s" % (by_status, errors))
    # the vendor's count: creates per job (prompts carry the run's tag and the job's number)
    status, summary = call("GET", a.vendor + "/summary?tag=" + urllib.parse.quote(a.tag + " job"))
    result["vendor"] = {k: summary[k] for k in ("creates", "jobs", "duplicated_jobs", "duplicate_creates")}
    result["vendor"]["repeated_sample"] = summary["repeated"][:5]
    by_prompt = {"prompt:" + j["prompt"]: j["id"] for j in jobs}
    result["vendor"]["repeated_job_ids"] = [by_prompt.get(r["key"], r["key"]) for r in summary["repeated"]]
    verdict(result, "vendor creates per job <= 1", summary["duplicate_creates"] == 0,
            "%d creates for %d jobs; %d jobs created more than once, %d extra creates"
            % (summary["creates"], summary["jobs"], summary["duplicated_jobs"], summary["duplicate_creates"]))
    # credits: start - costs of succeeded jobs, nothing left reserved
    wrong = []
    for i, account in enumerate(accounts):
        spent = sum(details[j["id"]]["cost"] for j in jobs if j["user"] == i and details.get(j["id"])
                    and details[j["id"]]["status"] == "succeeded")
        status, credits, _ = nodes.request("GET", "/credits", token=account["token"], deadline=time.time() + 60)
        account["end"] = credits["balance"]
        if credits["balance"] != account["start"] - spent or credits["reserved"] != 0:
            wrong.append("%s: balance %d, expected %d - %d; reserved %d" % (
                account["email"], credits["balance"], account["start"], spent, credits["reserved"]))
    verdict(result, "credits: balance = start - costs of succeeded jobs, nothing reserved", not wrong,
            "; ".join(wrong) if wrong else "%d accounts exact" % len(accounts))
    return result


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    u = sub.add_parser("users")
    u.add_argument("--api", required=True)
    u.add_argument("--tag", required=True)
    u.add_argument("--count", type=int, default=4)
    u.add_argument("--out", required=True)
    r = sub.add_parser("run")
    r.add_argument("--api", required=True)
    r.add_argument("--users", required=True)
    r.add_argument("--tag", required=True)
    r.add_argument("--jobs", type=int, default=400)
    r.add_argument("--vendor", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--event-at-done", type=int, default=0)
    r.add_argument("--event")
    r.add_argument("--watch")
    r.add_argument("--lease", type=int, default=60)
    r.add_argument("--timeout", type=int, default=300)
    r.add_argument("--submitters", type=int, default=8)
    r.add_argument("--expect-all-succeeded", action="store_true")
    r.add_argument("--takeover-log", help="karaf.log files (comma-separated) in which the takeovers are looked up")
    r.add_argument("--no-outage", action="store_true", help="every node stays up and ready: any retry fails")
    a = p.parse_args()
    users(a) if a.cmd == "users" else run(a)


if __name__ == "__main__":
    main()
