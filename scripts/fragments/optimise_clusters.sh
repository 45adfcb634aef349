#!/bin/sh
# Builds W6 and W21 start geometries and optimises them with GFN2-xTB (xtb 6.5.1, charge +1),
# writing data/structures/w6.xyz and w21.xyz. Run from the repository root.
set -e
root=$(pwd)
work=$(mktemp -d)
cd "$work"
/usr/bin/python3 "$root/scripts/fragments/build_clusters.py"
for w in w6 w21; do
  mkdir "$w" && cd "$w"
  xtb "../${w}_start.xyz" --opt --chrg 1 --gfn 2 > xtb.out 2>&1
  energy=$(grep "TOTAL ENERGY" xtb.out | tail -1 | awk '{print $4}')
  n=$(head -1 xtbopt.xyz)
  { echo "$n"
    echo "Properties=species:S:1:pos:R:3 charge=1 xtb_gfn2_energy_hartree=$energy comment=\"H+(H2O)$(echo $w | tr -d w) GFN2-xTB optimised (xtb 6.5.1 --opt --chrg 1) from scripts/fragments/build_clusters.py by scripts/fragments/optimise_clusters.sh\""
    tail -n +3 xtbopt.xyz; } > "$root/data/structures/$w.xyz"
  cd ..
done
echo "$work"
