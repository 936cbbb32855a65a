"""What the final stage of a Dockerfile can receive, read from the Dockerfile and .dockerignore.

Docker can't run here, so this reads the build as Docker would:

- the build context is the folder less what .dockerignore excludes (Docker's rules: the
  patterns in order, the last match wins, ``!`` takes a path back, and a pattern that
  matches a folder matches everything in it);
- the final stage receives files through COPY/ADD from the context, COPY --from=<stage>,
  RUN --mount=type=bind (from the context or a stage) and its base, when that is a stage;
- an earlier stage that received a solved notebook is rebuilt in a temporary root: its
  context files are laid out there and its RUN lines run there with ``sh`` (so they must
  use paths relative to WORKDIR), and what they leave is what the final stage can copy.
  A stage that received no solved notebook can't make one (its RUN lines can only
  download), so what it makes is named, not rebuilt.

``arrivals(...)`` lists every file (``Arrival``: where it lands, where it comes from, the
file on this machine when there is one); ``solved(arrivals)`` keeps the solved notebooks.
"""

import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

MARKER = b"BEGIN SOLUTION"   # nbgrader's solution marker
COPYING = {"COPY", "ADD"}


class Unreadable(Exception):
    """An instruction whose files this reader can't list (a URL, ONBUILD...)."""


class Arrival:
    def __init__(self, dest, origin, path=None):
        self.dest, self.origin, self.path = dest, origin, path

    def __repr__(self):
        return f"{self.dest}  <-  {self.origin}"


# --- .dockerignore ------------------------------------------------------------------------

def _regex(pattern):
    out, i = "", 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif c == "*":
            out, i = out + "[^/]*", i + 1
        elif c == "?":
            out, i = out + "[^/]", i + 1
        elif c == "[":
            end = pattern.index("]", i)
            out, i = out + "[" + pattern[i + 1:end].replace("!", "^", 1) + "]", end + 1
        else:
            out, i = out + re.escape(c), i + 1
    return re.compile(out)


class DockerIgnore:
    def __init__(self, text):
        self.rules = []
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            keep = line.startswith("!")
            pattern = os.path.normpath(line.lstrip("!").strip()).lstrip("/")
            self.rules.append((keep, pattern, _regex(pattern)))

    def excluded(self, relpath):
        parts = PurePosixPath(relpath).parts
        prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
        out = False
        for keep, _, regex in self.rules:
            if any(regex.fullmatch(p) for p in prefixes):
                out = not keep
        return out

    def may_keep_below(self, reldir):
        """Whether a ``!`` pattern could take back something inside excluded ``reldir``."""
        parts = PurePosixPath(reldir).parts
        for keep, pattern, _ in self.rules:
            if not keep:
                continue
            pat = PurePosixPath(pattern).parts
            for i, part in enumerate(parts):
                if i >= len(pat) or pat[i] == "**":
                    break
                if not fnmatch.fnmatchcase(part, pat[i]):
                    break
            else:
                return True
            if i < len(pat) and pat[i] == "**":
                return True
        return False


def context_files(root, ignore):
    """The files of the build context, relative paths, as Docker sends them."""
    root, found = Path(root), []
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root)
        dirs[:] = sorted(d for d in dirs if not (ignore.excluded((rel / d).as_posix())
                                                 and not ignore.may_keep_below((rel / d).as_posix())))
        found += [(rel / f).as_posix() for f in files if not ignore.excluded((rel / f).as_posix())]
    return sorted(found)


# --- the Dockerfile -----------------------------------------------------------------------

class Stage:
    def __init__(self, index, base, name):
        self.index, self.base, self.name = index, base, name
        self.instructions = []   # (KEYWORD, {flag: value}, [arguments])

    def __repr__(self):
        return f"stage {self.name or self.index}"


def _substitute(text, values):
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: values.get(m[1] or m[2], m[0]), text)


def parse(text):
    """The stages of a Dockerfile; ARG defaults and ENV are substituted."""
    lines, current = [], ""
    for raw in text.splitlines():
        if not current and raw.lstrip().startswith("#"):
            continue
        if raw.rstrip().endswith("\\"):
            current += raw.rstrip()[:-1] + " "
            continue
        current += raw
        if current.strip():
            lines.append(current.strip())
        current = ""
    global_args, stages, values = {}, [], {}
    for line in lines:
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            words = _substitute(rest, global_args).split()
            words = [w for w in words if not w.startswith("--")]
            stage = Stage(len(stages), words[0], words[2] if len(words) > 2 else None)
            stages.append(stage)
            values = dict(global_args)
            continue
        if keyword == "ARG":
            name, _, default = rest.partition("=")
            (values if stages else global_args).setdefault(name.strip(), default.strip().strip('"'))
            continue
        if not stages:
            raise Unreadable(f"{keyword} before the first FROM")
        if keyword == "ONBUILD":
            raise Unreadable("ONBUILD instructions can't be listed")
        rest = _substitute(rest, values)
        if keyword == "ENV":
            name, _, value = rest.partition("=")
            values[name.strip()] = value.strip().strip('"')
        flags, args = {}, []
        if rest.startswith("["):
            args = json.loads(rest)
        else:
            words = shlex.split(rest) if keyword in COPYING else rest.split(" ")
            while words and words[0].startswith("--"):
                flag, _, value = words.pop(0)[2:].partition("=")
                flags.setdefault(flag, []).append(value)
            args = words if keyword in COPYING else [" ".join(words)]
        stage.instructions.append((keyword, flags, args))
    return stages


# --- the stages' files ----------------------------------------------------------------------

def _matches(files, source):
    """Files of ``files`` (relative paths) that ``source`` names, with their path below it."""
    source = os.path.normpath(source).lstrip("/")
    if source in (".", ""):
        return [(f, f) for f in files]
    if any(c in source for c in "*?["):
        hits = []
        for f in files:
            parts = PurePosixPath(f).parts
            n = len(PurePosixPath(source).parts)
            head = "/".join(parts[:n])
            if fnmatch.fnmatchcase(head, source) and len(parts) >= n:
                hits.append((f, "/".join(parts[n - 1:])))
        return hits
    if source in files:
        return [(source, PurePosixPath(source).name)]
    return [(f, f[len(source) + 1:]) for f in files if f.startswith(source + "/")]


def _land(dest, workdir, below, is_dir_copy):
    dest = dest if dest.startswith("/") else f"{workdir.rstrip('/')}/{dest}"
    if is_dir_copy or dest.endswith("/"):
        return str(PurePosixPath(dest) / below)
    return str(PurePosixPath(dest))


class Build:
    def __init__(self, dockerfile_text, dockerignore_text, context, scratch):
        self.stages = parse(dockerfile_text)
        self.context = Path(context)
        self.files = context_files(context, DockerIgnore(dockerignore_text))
        self.scratch = Path(scratch)
        self.rebuilt = {}

    def stage(self, ref):
        for s in self.stages:
            if s.name == ref or str(s.index) == ref:
                return s
        return None

    def _copies(self, stage, keyword, flags, args, workdir):
        """(dest, origin, file here or None) of one COPY/ADD or RUN --mount."""
        if keyword in COPYING:
            *sources, dest = args
            source_stage = self.stage(flags["from"][0]) if "from" in flags else None
            if "from" in flags and source_stage is None:
                return [(dest, f"image {flags['from'][0]}", None)]
            if keyword == "ADD" and any(re.match(r"\w+://|git@", s) for s in sources):
                raise Unreadable(f"ADD from a URL can't be listed: {args}")
            for flag in flags:
                if flag not in ("from", "chown", "chmod", "link"):
                    raise Unreadable(f"COPY --{flag} is not read here")
            out = []
            for source in sources:
                several = len(sources) > 1 or any(c in source for c in "*?[")
                for path, below, origin, inside in self._source(source_stage, source):
                    out.append((_land(dest, workdir, below, several or inside), origin, path))
            return out
        out = []
        for mount in flags.get("mount", []):
            spec = dict(kv.split("=", 1) for kv in mount.split(",") if "=" in kv)
            if spec.get("type", "bind") != "bind":
                continue
            source_stage = self.stage(spec["from"]) if "from" in spec else None
            target = spec.get("target", spec.get("dst", spec.get("destination")))
            for path, below, origin, _ in self._source(source_stage, spec.get("source", "/")):
                out.append((str(PurePosixPath(target) / below), origin + " (mounted for a RUN)", path))
        return out

    def _source(self, source_stage, source):
        """(file here, path below the source, origin, whether the source is a folder) for each
        file a source names, in the context or in a stage."""
        named = os.path.normpath(source).lstrip("/")
        if source_stage is None:
            return [(self.context / f, below, f"context {f}", f != named)
                    for f, below in _matches(self.files, source)]
        root = self.root_of(source_stage)
        if root is None:
            return [(None, "", f"{source_stage}: {source}, made by its RUN lines from "
                               f"{', '.join(self.inputs(source_stage))}", True)]
        made = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        return [(root / f, below, f"{source_stage}: /{f}", f != named)
                for f, below in _matches(made, source)]

    def inputs(self, stage):
        """What a stage's own instructions bring in (context files and other stages)."""
        names, workdir = [], "/"
        for keyword, flags, args in stage.instructions:
            if keyword == "WORKDIR":
                workdir = args[0]
            if keyword in COPYING or keyword == "RUN":
                names += [origin for _, origin, _ in self._copies(stage, keyword, flags, args, workdir)]
        base = self.stage(stage.base)
        return names + (self.inputs(base) if base else [])

    def holds_solutions(self, stage):
        workdir, found = "/", False
        base = self.stage(stage.base)
        if base is not None and self.holds_solutions(base):
            return True
        for keyword, flags, args in stage.instructions:
            if keyword == "WORKDIR":
                workdir = args[0]
            if keyword in COPYING or keyword == "RUN":
                found |= any(path is not None and solved_file(path)
                             for _, _, path in self._copies(stage, keyword, flags, args, workdir))
        return found

    def root_of(self, stage):
        """The files a stage leaves (rebuilt here) when it received solutions, else None."""
        if not self.holds_solutions(stage):
            return None
        if stage.index in self.rebuilt:
            return self.rebuilt[stage.index]
        root = self.scratch / f"stage-{stage.index}"
        base = self.stage(stage.base)
        if base is not None:
            shutil.copytree(self.root_of(base), root)
        root.mkdir(parents=True, exist_ok=True)
        workdir = "/"
        for keyword, flags, args in stage.instructions:
            if keyword == "WORKDIR":
                workdir = str(PurePosixPath(workdir) / args[0])
                (root / workdir.lstrip("/")).mkdir(parents=True, exist_ok=True)
            elif keyword in COPYING:
                for dest, origin, path in self._copies(stage, keyword, flags, args, workdir):
                    if path is None:
                        raise Unreadable(f"{stage} copies {origin}, which can't be rebuilt here")
                    target = root / dest.lstrip("/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target)
            elif keyword == "RUN":
                self._run(stage, root, workdir, args[0])
        self.rebuilt[stage.index] = root
        return root

    def _run(self, stage, root, workdir, command):
        if re.search(r"(^|[\s=:'\"])/", command):
            raise Unreadable(f"{stage}: RUN with an absolute path can't be rebuilt here: {command}")
        env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                                     os.environ.get("PATH", "")]))
        done = subprocess.run(["sh", "-c", command], cwd=root / workdir.lstrip("/"), env=env,
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise Unreadable(f"{stage}: RUN failed here ({done.returncode}): {command}\n{done.stderr}")

    def arrivals(self):
        """Every file the final stage can receive."""
        final = self.stages[-1]
        found = []
        base = self.stage(final.base)
        if base is not None:
            root = self.root_of(base)
            found += [Arrival("/" + p.relative_to(root).as_posix(), f"base {base}", p)
                      for p in sorted(root.rglob("*")) if p.is_file()] if root else \
                [Arrival("/", f"base {base}, made from {', '.join(self.inputs(base))}")]
        workdir = "/"
        for keyword, flags, args in final.instructions:
            if keyword == "WORKDIR":
                workdir = str(PurePosixPath(workdir) / args[0])
            if keyword in COPYING or keyword == "RUN":
                found += [Arrival(dest, origin, path) for dest, origin, path in
                          self._copies(final, keyword, flags, args, workdir)]
        return found


# --- solved notebooks -------------------------------------------------------------------------

def _solved_notebook(data):
    if MARKER not in data:
        return False
    try:
        nb = json.loads(data)
    except ValueError:
        return False
    return isinstance(nb, dict) and any(MARKER.decode() in "".join(c.get("source", ""))
                                        for c in nb.get("cells", []))


def solved_file(path):
    """Whether the file at ``path`` is a solved notebook, or an archive holding one."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return any(_solved_notebook(z.read(n)) for n in z.namelist())
    if tarfile.is_tarfile(path):
        with tarfile.open(path) as t:
            return any(_solved_notebook(t.extractfile(m).read()) for m in t.getmembers() if m.isfile())
    return _solved_notebook(path.read_bytes())


def solved(arrivals):
    return [a for a in arrivals if a.path is not None and solved_file(a.path)]
