"""TesseraCalculator: any model `tessera md -m` takes, as an ASE calculator."""
import numpy as np
from ase.calculators.calculator import Calculator, PropertyNotImplementedError, all_changes
from ase.stress import full_3x3_to_voigt_6_stress

from .server import Server, TesseraError

__all__ = ["TesseraCalculator", "TesseraError"]


class TesseraCalculator(Calculator):
    """Energy and forces (and stress of fully periodic structures) from a Tessera model; per-atom energies
    (atoms.get_potential_energies()) where the model is a sum of atomic energies (Behler-Parrinello), and an
    ensemble's energy spread (eV) as calc.results["energy_std"] where the model is an ensemble.

    model: an engine spec ('xtb-native:gfn2', 'psi4:mp2/cc-pvdz'), a Behler-Parrinello model folder or a
    fragment model file. tessera: the CLI command, a string or a list such as ['dotnet', 'Tessera.Cli.dll'].
    timeout: longest wait, s, for tessera to start or to answer one evaluation.

    One `tessera serve` process is started on first use and reused while the atoms keep their species,
    order and periodicity; it is ended by close(), on leaving a `with` block, at interpreter exit and on
    any error, which is raised as TesseraError with tessera's stderr.
    """

    implemented_properties = ["energy", "free_energy", "forces", "stress", "energies"]
    default_parameters = {"charge": 0, "multiplicity": 1, "tessera": "tessera", "timeout": 600.0}

    def __init__(self, model, **kwargs):
        self._server = None
        super().__init__(model=model, **kwargs)

    @property
    def pid(self):
        """Process id of the running `tessera serve`, or None."""
        return self._server.pid if self._server is not None else None

    def set(self, **kwargs):
        changed = super().set(**kwargs)
        if changed:
            self.close()  # a new model, charge or command needs a new process
        return changed

    def calculate(self, atoms=None, properties=("energy",), system_changes=all_changes):
        super().calculate(atoms, properties, system_changes)
        periodic = self.atoms.pbc.all()
        if "stress" in properties and not periodic:
            raise PropertyNotImplementedError(
                "Stress needs a fully periodic structure (pbc all True and a cell); tessera serve gives a virial only then.")
        if self._server is not None and not self._server.matches(self.atoms):
            self.close()  # species, order or periodicity changed: the template must be written again
        try:
            if self._server is None:
                p = self.parameters
                self._server = Server(self.atoms, p["model"], p["charge"], p["multiplicity"], p["tessera"], p["timeout"])
            energy, forces, virial, extras = self._server.compute(self.atoms)
        except BaseException:
            self.close()  # an interrupted exchange cannot be resumed; the next call starts afresh
            raise
        self.results = {"energy": energy, "free_energy": energy, "forces": forces}
        if "energies" in extras:
            self.results["energies"] = np.array(extras["energies"])
        elif "energies" in properties:
            raise PropertyNotImplementedError("Per-atom energies need a model that is a sum of atomic energies (a Behler-Parrinello model).")
        if "energy_std" in extras:
            self.results["energy_std"] = extras["energy_std"]
        if periodic:
            self.results["stress"] = -full_3x3_to_voigt_6_stress(virial) / self.atoms.get_volume()

    def close(self):
        """Ends the tessera process and removes its socket folder (idempotent)."""
        server, self._server = self._server, None
        if server is not None:
            server.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
