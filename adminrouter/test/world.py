"""The shared test world, built once per run on first use and stopped by run_tests.py:

  keys        the cluster RS256 pair, and a foreign pair (bad signatures)
  upstreams   recording servers for the master's four services, the agent's four services and
              the Mesos and Marathon leaders
  agent       an agent-role Adminrouter in front of the agent's services
  masters     two master-role Adminrouters in front of the master's services, both routing
              /system/v1/agent/{id} to the agent above:
                cached  verified-token cache on, directory from the Mesos stub, leeway 0
                direct  no cache, directory from a static file, default leeway (30 s)
"""
import json
import os

import harness

AGENT_ID = "7e3a1c2d-54b8-4f0e-9a0b-3c2d1e0f9a8b-S0"   # in fixtures/state-summary.json, pid 127.0.0.1
OTHER_AGENT_ID = "7e3a1c2d-54b8-4f0e-9a0b-3c2d1e0f9a8b-S1"  # known, at an unreachable 10.0.4.23
SERVICES = ("logs", "metrics", "diagnostics", "debug")


class World:
    def __init__(self):
        self.stoppables = []
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self):
        self.key = harness.KeyPair("cluster")
        self.foreign_key = harness.KeyPair("foreign")
        self.audit_tag = "ar_test_%s" % harness.probe_id()[:12]
        self.master_upstreams = {s: self._upstream("master-" + s) for s in SERVICES}
        self.agent_upstreams = {s: self._upstream("agent-" + s) for s in SERVICES}
        self.mesos_leader = self._upstream("mesos-leader")
        self.marathon_leader = self._upstream("marathon-leader")
        self.mesos = harness.MesosStub()
        self.stoppables.append(self.mesos)

        self.agent = self._nginx("agent", "agent", self._service_args(self.agent_upstreams) + [
            "--issuer", harness.ISSUER, "--audit-tag", self.audit_tag])
        agent_port = str(self.agent.port)

        self.directory_file = os.path.join(harness.work_dir(), "directory.json")
        self.write_directory({AGENT_ID: "127.0.0.1:" + agent_port})

        master_args = self._service_args(self.master_upstreams) + [
            "--issuer", harness.ISSUER, "--audit-tag", self.audit_tag,
            "--mesos-leader", self.mesos_leader.address, "--marathon-leader", self.marathon_leader.address,
            "--upstream-timeout", "2"]
        self.cached = self._nginx("master-cached", "master", master_args + [
            "--token-cache-ttl", "60", "--leeway", "0", "--mesos-url", self.mesos.url, "--agent-port", agent_port])
        self.direct = self._nginx("master-direct", "master", master_args + [
            "--token-cache-ttl", "0", "--directory-file", self.directory_file])

    def write_directory(self, agents, raw=None):
        temporary = self.directory_file + ".tmp"
        with open(temporary, "w") as f:
            f.write(raw if raw is not None else json.dumps({"agents": agents}))
        os.chmod(temporary, 0o644)
        os.replace(temporary, self.directory_file)

    def _upstream(self, name):
        upstream = harness.RecordingUpstream(name)
        self.stoppables.append(upstream)
        return upstream

    def _nginx(self, name, role, args):
        nginx = harness.Nginx(name, role, ["--public-key", self.key.public_pem] + args)
        self.stoppables.append(nginx)
        return nginx

    @staticmethod
    def _service_args(upstreams):
        return ["--logs", upstreams["logs"].address, "--metrics", upstreams["metrics"].address,
                "--diagnostics", upstreams["diagnostics"].address, "--debug", upstreams["debug"].address]

    def stop(self):
        for stoppable in reversed(self.stoppables):
            stoppable.stop()


_world = None


def get():
    global _world
    if _world is None:
        _world = World()
    return _world


def stop():
    global _world
    if _world is not None:
        _world.stop()
        _world = None
