# Sourced by notebooks/run_tests.sh and jobs/bin/validation: makes notebooks/.venv from
# notebooks/requirements.txt (reinstalled only when that file changes) and sets $venv to it.
# Needs $here set to the notebooks directory.
venv="$here/.venv"
python="${PYTHON:-python3}"
if [[ ! -x "$venv/bin/python" ]]; then
  echo "creating $venv"
  "$python" -m venv "$venv"
fi
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
  echo "installing notebooks/requirements.txt into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
  # A kernelspec inside the venv, found first through JUPYTER_PATH, so papermill runs this venv's
  # Python even when the user has another `python3` kernel installed.
  "$venv/bin/python" -m ipykernel install --sys-prefix --name python3 >/dev/null
  echo "$want" > "$stamp"
fi
