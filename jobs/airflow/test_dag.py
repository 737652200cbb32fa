"""Tests of the unwind Airflow DAG with real Airflow: import, structure, templating, and a run.

run_tests.sh sets AIRFLOW_HOME to a temporary directory, migrates its database and puts a
``spark-submit`` (jobs/cluster/spark-submit.sh) first on PATH before running these.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pyarrow.dataset as ds
import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_SCENARIOS = ["baseline", "crowded", "bond_vol_shock"]
STAGES = ["validate", "simulate", "aggregate"]


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(HERE / "unwind_dag.py"))


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.get_dag("unwind")


def test_dagbag_unwindDag_importsWithoutErrors(dagbag):
    assert dagbag.import_errors == {}
    assert "unwind" in dagbag.dag_ids


def test_dag_defaultScenarios_haveValidateSimulateAggregateChains(dag):
    expected = {f"{s}.{stage}" for s in DEFAULT_SCENARIOS for stage in STAGES}
    assert set(dag.task_dict) == expected
    for s in DEFAULT_SCENARIOS:
        validate, simulate, aggregate = (dag.get_task(f"{s}.{stage}") for stage in STAGES)
        assert validate.upstream_task_ids == set()
        assert simulate.upstream_task_ids == {validate.task_id}
        assert aggregate.upstream_task_ids == {simulate.task_id}
        assert aggregate.downstream_task_ids == set()


def test_dag_settings_oneActiveRunNoCatchupRetriesAndTimeouts(dag):
    assert dag.max_active_runs == 1
    assert dag.catchup is False
    for task in dag.tasks:
        assert type(task).__name__ == "SparkSubmitOperator"
        assert task._java_class == "io.unwind.jobs.cli.UnwindCli"
        assert task.execution_timeout is not None and task.execution_timeout > dt.timedelta(0)
        assert task.application == "{{ params.jar }}"
    assert dag.get_task("baseline.simulate").retries >= 1
    assert dag.get_task("baseline.aggregate").retries >= 1
    assert set(dag.params.keys()) >= {"paths", "jar", "conf_dir", "out"}


def _render(dag, task_id, logical_date, **param_overrides):
    """Renders a task's application_args as Airflow would for a run at logical_date."""
    task = dag.get_task(task_id)
    params = {k: dag.params[k] for k in dag.params.keys()}
    params.update(param_overrides)
    context = {"ds_nodash": logical_date.strftime("%Y%m%d"), "ds": logical_date.strftime("%Y-%m-%d"), "params": params}
    return task.render_template(task.application_args, context, dag.get_template_env())


def test_applicationArgs_logicalDate_carryTemplatedRunIdAndParams(dag):
    args = _render(dag, "crowded.simulate", dt.datetime(2026, 3, 9), paths=1234, out="/data/unwind", conf_dir="/c")
    assert args[0] == "simulate"
    assert args[args.index("--run-id") + 1] == "crowded-20260309"
    assert args[args.index("--paths") + 1] == "1234"
    assert args[args.index("--out") + 1] == "/data/unwind"
    assert args[args.index("--config") + 1] == "/c/crowded.conf"
    aggregate = _render(dag, "crowded.aggregate", dt.datetime(2026, 3, 9))
    assert aggregate[aggregate.index("--run-id") + 1] == "crowded-20260309"


def test_dagTest_baselineOnLocalSpark_writesCompleteRunsRow(dag, tmp_path, monkeypatch):
    jar = Path(dag.params["jar"])
    assert jar.is_file(), f"shaded jar missing: {jar} (run_tests.sh builds it)"
    # A small baseline: the repository's scenario with a one-year horizon.
    conf_dir = tmp_path / "conf"
    conf_dir.mkdir()
    # Includes are confined to the including file's directory (README, "Config safety"): the
    # repository's file goes beside the override under another name.
    (conf_dir / "repo-baseline.conf").write_text((REPO / "conf" / "baseline.conf").read_text())
    (conf_dir / "baseline.conf").write_text(textwrap.dedent("""\
        include "repo-baseline.conf"
        horizon-days = 252
        """))
    out = tmp_path / "out"
    monkeypatch.setenv("AIRFLOW_CONN_SPARK_UNWIND", '{"conn_type": "spark", "host": "local[2]"}')
    for task in dag.tasks:
        task.retries = 0  # a failure must fail the test now, not wait for a retry
    logical_date = dt.datetime(2026, 2, 2, tzinfo=dt.timezone.utc)

    dag_run = dag.test(
        logical_date=logical_date,
        run_conf={"paths": 400, "conf_dir": str(conf_dir), "out": str(out)},
        # Only the baseline chain runs; the other scenarios' tasks are marked done.
        mark_success_pattern=r"(?!baseline\.).*",
    )

    states = {ti.task_id: str(ti.state) for ti in dag_run.get_task_instances()}
    assert all(states[f"baseline.{s}"].endswith("success") for s in STAGES), states
    runs = ds.dataset(out / "runs", format="parquet", partitioning="hive").to_table().to_pylist()
    mine = [r for r in runs if str(r["run_id"]) == "baseline-20260202"]
    assert len(mine) == 1, runs
    assert str(mine[0]["status"]).lower() in {"complete", "completed", "succeeded", "success"}, mine[0]
    assert int(mine[0]["paths"]) == 400
    summary = ds.dataset(out / "summary", format="parquet", partitioning="hive").to_table()
    assert summary.num_rows > 0
