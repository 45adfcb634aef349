"""One `tessera serve` process and the i-PI server end of its Unix socket.

The protocol is spoken here rather than through ASE's SocketIOCalculator for two reasons: the unit
conversions use Tessera's own CODATA 2018 constants (ASE 3.22 uses 2014 ones, 1e-8 relative apart,
which is a few micro-eV on a molecule's total energy), and every wait watches the child process, so a
tessera that dies (bad model, crash) raises at once with its stderr instead of after a socket timeout.
"""
import json
import os
import shlex
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import weakref

import numpy as np
from ase import Atoms
from ase.io import write

# Tessera's units (src/Tessera/Core/Units.cs); the wire is in atomic units.
HARTREE = 27.211386245988  # eV
BOHR = 0.529177210903  # Angstrom
_POLL = 0.2  # s between checks that tessera is still running
# serve's own idle limit: long, because the user may think between calls; if Python dies, serve sees the
# socket close and exits by itself.
_SERVE_IDLE = 7 * 24 * 3600


class TesseraError(RuntimeError):
    """tessera serve failed; the message carries its stderr."""


def _command(tessera):
    return shlex.split(tessera) if isinstance(tessera, str) else list(tessera)


def _release(state):
    """Ends the process and removes the socket folder; safe to call twice (close, finalizer)."""
    for key in ("conn", "listener", "stderr"):
        handle = state.pop(key, None)
        if handle is not None:
            handle.close()
    proc = state.pop("proc", None)
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    folder = state.pop("folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


class Server:
    """Starts `tessera serve --unix PATH` for a template built from `atoms` and answers force requests."""

    def __init__(self, atoms, model, charge, multiplicity, tessera, timeout):
        self.model, self.timeout = model, timeout
        self.numbers, self.pbc = atoms.numbers.copy(), atoms.pbc.copy()
        folder = tempfile.mkdtemp(prefix="tessera-serve-")
        # The state is apart from self so the finalizer (also run at interpreter exit) holds no reference to self.
        self._state = {"folder": folder}
        self._finalizer = weakref.finalize(self, _release, self._state)
        path, template = os.path.join(folder, "ipi.sock"), os.path.join(folder, "template.extxyz")
        # Species, positions, cell and pbc only: the atoms' info and arrays are no business of tessera's reader.
        write(template, Atoms(atoms.numbers, atoms.positions, cell=atoms.cell, pbc=atoms.pbc), format="extxyz")
        listener = self._state["listener"] = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        listener.listen(1)
        self._stderr = self._state["stderr"] = open(os.path.join(folder, "stderr.txt"), "w+b")
        args = _command(tessera) + ["serve", "--model", str(model), "--structure", template, "--unix", path,
                                    "--charge", str(charge), "--multiplicity", str(multiplicity),
                                    "--timeout", str(_SERVE_IDLE)]
        try:
            self._state["proc"] = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                   stderr=self._stderr)
        except OSError as e:
            self.close()
            raise TesseraError(f"Could not start {args[0]!r} (the tessera= command): {e}") from e
        self.pid = self._state["proc"].pid
        self._conn = self._accept(listener)
        self._initialised = False

    def matches(self, atoms):
        """Whether this process's template still fits: same atoms in the same order, same periodicity."""
        return np.array_equal(self.numbers, atoms.numbers) and np.array_equal(self.pbc, atoms.pbc)

    def compute(self, atoms):
        """Energy (eV), forces (eV/A), virial (eV) and the extras (dict: "energies", "energy_std", eV, where given) at the
        positions and cell of `atoms`."""
        if not self._initialised:
            self._expect_status("NEEDINIT")
            self._send(self._header("INIT") + struct.pack("<ii", 0, 0))
            self._initialised = True
        self._expect_status("READY")
        # i-PI's h holds the lattice vectors as columns; a cluster gets a unit cell that tessera ignores.
        h = (atoms.cell.array.T if atoms.pbc.any() else np.eye(3)) / BOHR
        r = atoms.positions / BOHR
        self._send(self._header("POSDATA") + _doubles(h) + _doubles(np.linalg.inv(h))
                   + struct.pack("<i", len(atoms)) + _doubles(r))
        self._expect_status("HAVEDATA")
        self._send(self._header("GETFORCE"))
        if self._recv_header() != "FORCEREADY":
            raise self._error("tessera serve did not answer GETFORCE with FORCEREADY")
        energy = struct.unpack("<d", self._recv(8))[0] * HARTREE
        n = struct.unpack("<i", self._recv(4))[0]
        forces = np.frombuffer(self._recv(24 * n), "<f8").reshape(n, 3) * (HARTREE / BOHR)
        virial = np.frombuffer(self._recv(72), "<f8").reshape(3, 3).T * HARTREE  # sent transposed, like h
        extra = self._recv(struct.unpack("<i", self._recv(4))[0])
        # tessera serve's extra string: JSON with per-atom energies and the ensemble spread (eV) where the model has them.
        extras = json.loads(extra) if extra.strip() else {}
        return energy, forces, virial, extras

    def close(self):
        """Asks tessera to exit (EXIT), then makes sure it has ended and removes the folder."""
        conn = self._state.get("conn")
        if conn is not None and self._state.get("proc") is not None and self._state["proc"].poll() is None:
            try:
                conn.sendall(self._header("EXIT"))
                self._state["proc"].wait(5)
            except (OSError, subprocess.TimeoutExpired):
                pass  # _release terminates it
        self._finalizer()

    # --- waiting on the socket while watching the process ---

    def _accept(self, listener):
        listener.settimeout(_POLL)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                conn, _ = listener.accept()
                self._state["conn"] = conn
                conn.settimeout(_POLL)
                return conn
            except socket.timeout:
                self._check_alive(deadline, "to connect")

    def _recv(self, n):
        data, deadline = bytearray(), time.monotonic() + self.timeout
        while len(data) < n:
            try:
                chunk = self._conn.recv(n - len(data))
            except socket.timeout:
                self._check_alive(deadline, "to answer")
                continue
            except OSError as e:  # a reset: tessera died mid-answer
                raise self._error(f"tessera serve dropped the connection ({e})", wait=True) from e
            if not chunk:
                raise self._error("tessera serve closed the connection", wait=True)
            data += chunk
        return bytes(data)

    def _send(self, data):
        try:
            self._conn.sendall(data)
        except OSError as e:
            raise self._error(f"tessera serve stopped listening ({e})", wait=True) from e

    def _check_alive(self, deadline, what):
        if self._state["proc"].poll() is not None:
            raise self._error("tessera serve exited")
        if time.monotonic() > deadline:
            raise self._error(f"tessera serve took longer than timeout={self.timeout} s {what}")

    def _error(self, what, wait=False):
        """A TesseraError with tessera's stderr; the process is ended and the folder removed first."""
        proc = self._state["proc"]
        if wait:  # it is probably exiting: let it finish writing its error
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        code = proc.poll()
        self._stderr.seek(0)
        stderr = self._stderr.read().decode(errors="replace").strip()
        self.close()
        status = "" if code is None else f" with exit code {code}" if code >= 0 else f" (killed by signal {-code})"
        return TesseraError(f"{what}{status} (model {self.model!r}). Its stderr:\n{stderr or '(empty)'}")

    # --- message framing ---

    @staticmethod
    def _header(name):
        return name.ljust(12).encode("ascii")

    def _recv_header(self):
        return self._recv(12).decode("ascii").strip()

    def _expect_status(self, status):
        self._send(self._header("STATUS"))
        got = self._recv_header()
        if got != status:
            raise self._error(f"tessera serve answered STATUS with {got!r}, expected {status!r}")


def _doubles(a):
    return np.ascontiguousarray(a, dtype="<f8").tobytes()
