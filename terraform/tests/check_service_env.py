#!/usr/bin/env python3
"""Checks what the rendered node scripts hand the day2ops services (run by check.sh).

    check_service_env.py REPO EXPECTATIONS.json SCRIPT...

For every systemd unit day2ops-<service>.service a rendered script writes, it collects
the variables the unit gets: its Environment= lines and every variable of the env files
its EnvironmentFile= lines name (each of which the script must write). Each variable must
be the environment form (MicroProfile Config: upper case, every other character "_")
of a property the service reads:

  - a property of the service's @ConfigMapping interfaces, read from the Java sources
    (<service>-service/src/main/java and common/src/main/java) here, so a renamed
    property fails this check; values of enum properties must name a constant;
  - or one of PLATFORM_PROPERTIES (Quarkus, SmallRye JWT), each only when the
    service's application.properties sets it, i.e. the service really uses it.

Every env file a script writes must be loaded by at least one unit. EXPECTATIONS.json
maps a script's file name (without .sh) to {"service": {"VARIABLE": value or null}}:
value is the exact value, null means the variable must be absent. A script with no
expectations fails, so a new variant cannot slip through unchecked.

Exit status 0 when everything holds, 1 with every problem listed otherwise.
"""

import json
import os
import re
import sys

# Properties read by Quarkus and SmallRye JWT rather than by a day2ops mapping.
# Reviewed list: each is accepted only where the service's application.properties sets it.
PLATFORM_PROPERTIES = ["quarkus.http.host", "quarkus.http.port", "mp.jwt.verify.publickey.location"]

SERVICES = ["logs", "metrics", "diagnostics", "debug"]


def env_form(name):
    return re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def kebab(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def strip_java(source):
    """Removes comments and the contents of string and char literals (keeping the quotes)."""
    out, i, n = [], 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("/*", i):
            i = source.index("*/", i + 2) + 2
        elif source.startswith("//", i):
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif c in "\"'":
            j = i + 1
            while source[j] != c:
                j += 2 if source[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def blocks(source, keyword):
    """{name: body} of every `keyword Name ... { body }` in the source, nested ones included."""
    found = {}
    for match in re.finditer(r"\b%s\s+(\w+)[^{;]*\{" % keyword, source):
        depth, i = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(source[i], 0)
            i += 1
        found[match.group(1)] = source[match.end():i - 1]
    return found


def top_level(body):
    """The body with every nested { … } block removed (members of this type only)."""
    out, depth = [], 0
    for c in body:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


METHOD = re.compile(r"((?:@[\w.]+(?:\([^()]*\))?\s*)*)([\w.]+(?:\s*<[^;()]*>)?)\s+(\w+)\s*\(\s*\)\s*;")


def mapping_properties(java_roots):
    """{property pattern: enum constants or None} of every @ConfigMapping under the roots.

    Map<String, X> members become a `*` segment, List<X> of a group `[*]`."""
    properties = {}
    for root in java_roots:
        for directory, _, files in os.walk(root):
            for file in files:
                if not file.endswith(".java"):
                    continue
                raw = open(os.path.join(directory, file), encoding="utf-8").read()
                prefix = re.search(r'@ConfigMapping\s*\(\s*prefix\s*=\s*"([^"]*)"', raw)
                if not prefix:
                    continue
                source = strip_java(raw)
                interfaces = blocks(source, "interface")
                enums = {name: [re.sub(r"\(.*", "", c).strip() for c in body.split(";")[0].split(",") if c.strip()]
                         for name, body in blocks(source, "enum").items()}
                root_name = re.search(r"@ConfigMapping[^)]*\)\s*public\s+interface\s+(\w+)", source).group(1)
                walk(root_name, prefix.group(1), interfaces, enums, properties, set())
    return properties


def walk(interface, prefix, interfaces, enums, properties, seen):
    if interface in seen:
        return
    for annotations, type_, method in METHOD.findall(top_level(interfaces[interface])):
        name = kebab(method)
        named = re.search(r'@WithName\s*\(\s*""\s*\)', annotations)
        if named:  # strings were emptied by strip_java: the real name is unknown here
            raise SystemExit("@WithName is not supported by this check (%s.%s)" % (interface, method))
        if "@WithParentName" in annotations:
            name = None
        key = prefix if name is None else prefix + "." + name
        inner = re.sub(r"\s", "", type_)
        inner = re.sub(r"^Optional<(.*)>$", r"\1", inner)
        map_of = re.match(r"^Map<String,(.*)>$", inner)
        list_of = re.match(r"^(?:List|Set)<(.*)>$", inner)
        if map_of:
            key, inner = key + ".*", map_of.group(1)
        elif list_of and list_of.group(1) in interfaces:
            key, inner = key + "[*]", list_of.group(1)
        if inner in interfaces:
            walk(inner, key, interfaces, enums, properties, seen | {interface})
        else:
            properties[key] = enums.get(inner)


def env_pattern(property_pattern):
    parts = [re.escape(env_form(piece)) for piece in re.split(r"\[\*\]|\*", property_pattern)]
    return re.compile("^" + "[A-Z0-9_]+".join(parts) + "$")


def service_properties(repo, service):
    properties = mapping_properties([os.path.join(repo, service + "-service", "src", "main", "java"),
                                     os.path.join(repo, "common", "src", "main", "java")])
    if not properties:
        raise SystemExit("no @ConfigMapping properties found for %s under %s" % (service, repo))
    app = open(os.path.join(repo, service + "-service", "src", "main", "resources", "application.properties"),
               encoding="utf-8").read()
    set_keys = {line.split("=", 1)[0].strip() for line in app.splitlines() if "=" in line and not line.startswith("#")}
    for platform in PLATFORM_PROPERTIES:
        if platform in set_keys:
            properties[platform] = None
    return properties


def heredocs(script):
    """[(target path, body lines)] of every `cat > PATH <<MARK` in the script."""
    found = []
    for match in re.finditer(r"^cat > (\S+) <<'?(\w+)'?\n(.*?)^\2$", script, re.S | re.M):
        found.append((match.group(1), match.group(3).split("\n")))
    return found


def assignments(lines):
    pairs = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs.append((name, value))
    return pairs


def check_script(path, properties, expectations):
    problems = []
    name = os.path.basename(path)[:-3]
    script = open(path, encoding="utf-8").read()
    docs = heredocs(script)
    env_files = {target: assignments(body) for target, body in docs if target.endswith(".env")}
    units = {m.group(1): body for target, body in docs
             for m in [re.match(r"/etc/systemd/system/day2ops-(\w+)\.service$", target)] if m}
    services = [s for s in SERVICES if s in units]
    if not services:
        return ([] if name not in expectations else ["%s: expectations given but no service units written" % name])
    if name not in expectations:
        return ["%s: writes service units but has no expectations in the expectations file" % name]
    loaded = set()
    for service in services:
        env = {}
        for line in units[service]:
            if line.startswith("Environment="):
                variable, _, value = line[len("Environment="):].partition("=")
                env[variable] = value
            elif line.startswith("EnvironmentFile="):
                file = line[len("EnvironmentFile="):]
                if file not in env_files:
                    problems.append("%s: day2ops-%s.service loads %s, which the script does not write" % (name, service, file))
                    continue
                loaded.add(file)
                for variable, value in env_files[file]:
                    env[variable] = value
        for variable, value in sorted(env.items()):
            matches = [p for p in properties[service] if env_pattern(p).match(variable)]
            if not matches:
                problems.append("%s: %s gets %s, the environment form of no property the %s service reads"
                                % (name, service, variable, service))
                continue
            constants = properties[service][matches[0]]
            if constants and "$" not in value and value.upper().replace("-", "_") not in constants:
                problems.append("%s: %s=%s is not one of %s (%s)" % (name, variable, value, constants, matches[0]))
        for variable, value in expectations[name].get(service, {}).items():
            if value is None and variable in env:
                problems.append("%s: %s must not get %s (has %r)" % (name, service, variable, env[variable]))
            elif value is not None and env.get(variable) != value:
                problems.append("%s: %s must get %s=%r, has %r" % (name, service, variable, value, env.get(variable)))
    for file in env_files:
        if file not in loaded:
            problems.append("%s: writes %s but no day2ops service unit loads it" % (name, file))
    return problems


def main(argv):
    if len(argv) < 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    repo, expectations = argv[1], json.load(open(argv[2], encoding="utf-8"))
    properties = {service: service_properties(repo, service) for service in SERVICES}
    problems, checked = [], 0
    for path in argv[3:]:
        problems += check_script(path, properties, expectations)
        checked += 1
    unused = set(expectations) - {os.path.basename(p)[:-3] for p in argv[3:]}
    problems += ["expectations for %s, which was not checked" % name for name in sorted(unused)]
    for problem in problems:
        print("service env: " + problem, file=sys.stderr)
    if not problems:
        print("service env ok: %d scripts, %d variants with units; every variable is a property the service reads"
              % (checked, len(expectations)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
