"""unwind on Airflow: per scenario, validate -> simulate -> aggregate, each a spark-submit.

Every task is a ``SparkSubmitOperator`` running the shaded jar's entry point
(``io.unwind.jobs.cli.UnwindCli``). The run id is ``<scenario>-<logical date, YYYYMMDD>``, so a
rerun of the same logical date replaces that run (unwind overwrites a run id's rows) and each
date keeps its own.

Install: copy or symlink this file into ``$AIRFLOW_HOME/dags``; create the Spark connection
(``AIRFLOW_CONN_SPARK_UNWIND='{"conn_type": "spark", "host": "spark://HOST", "port": 7077}'`` or
through the UI; ``local[*]`` works too) and put ``spark-submit`` on the workers' PATH
(``jobs/cluster/spark-submit.sh`` symlinked as ``spark-submit`` is enough without a distribution).

Parse-time settings (environment of the DAG processor):
  UNWIND_HOME       the unwind checkout: default jar and scenario dir (default: this file's repo)
  UNWIND_SCENARIOS  comma-separated scenario names, one task group each
                    (default: baseline,crowded,bond-vol-shock)
  UNWIND_SPARK_CONN the Airflow connection id of the Spark master (default: spark_unwind)
Run-time params (trigger form or ``--conf``): ``paths``, ``jar``, ``conf_dir``, ``out``.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from pathlib import Path

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG, Param, TaskGroup

ENTRY_POINT = "io.unwind.jobs.cli.UnwindCli"

_here = Path(__file__).resolve()
UNWIND_HOME = os.environ.get(
    "UNWIND_HOME", str(_here.parents[2]) if len(_here.parents) > 2 else os.getcwd()
)
SCENARIOS = [
    s.strip()
    for s in os.environ.get("UNWIND_SCENARIOS", "baseline,crowded,bond-vol-shock").split(",")
    if s.strip()
]
SPARK_CONN_ID = os.environ.get("UNWIND_SPARK_CONN", "spark_unwind")


def _default_jar() -> str:
    """The shaded jar of the checkout (any version); the 0.1.0-SNAPSHOT name when not built yet."""
    jars = sorted(
        j
        for j in glob.glob(os.path.join(UNWIND_HOME, "jobs", "target", "unwind-jobs-*.jar"))
        if not j.endswith(("-sources.jar", "-javadoc.jar")) and "original-" not in j
    )
    return jars[-1] if jars else os.path.join(UNWIND_HOME, "jobs", "target", "unwind-jobs-0.1.0-SNAPSHOT.jar")


# Jinja fragments shared by every task; {{ ds_nodash }} is the logical date.
RUN_ID = "{scenario}-{{{{ ds_nodash }}}}"
CONFIG = "{{{{ params.conf_dir }}}}/{scenario}.conf"
OUT = "{{ params.out }}"

default_args = {
    "owner": "unwind",
    "retries": 2,
    "retry_delay": dt.timedelta(minutes=2),
    "retry_exponential_backoff": True,
}

with DAG(
    dag_id="unwind",
    description="unwind Monte Carlo per scenario: validate, simulate, aggregate (spark-submit)",
    schedule="@weekly",
    start_date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    dagrun_timeout=dt.timedelta(hours=12),
    tags=["unwind", "spark"],
    params={
        "paths": Param(100_000, type="integer", minimum=1, description="simulated market paths per scenario"),
        "jar": Param(_default_jar(), type="string", description="the shaded unwind-jobs jar"),
        "conf_dir": Param(
            os.path.join(UNWIND_HOME, "conf"),
            type="string",
            description="directory or Hadoop URI (hdfs://, s3a://) holding <scenario>.conf",
        ),
        "out": Param(
            os.path.join(UNWIND_HOME, "out"),
            type="string",
            description="output root (local path or Hadoop URI) shared by the driver and executors",
        ),
    },
    doc_md=__doc__,
) as dag:
    for scenario in SCENARIOS:
        with TaskGroup(group_id=scenario.replace("-", "_"), tooltip=f"scenario {scenario}"):
            common = {
                "conn_id": SPARK_CONN_ID,
                "application": "{{ params.jar }}",
                "java_class": ENTRY_POINT,
                "verbose": False,
            }
            config = CONFIG.format(scenario=scenario)
            run_id = RUN_ID.format(scenario=scenario)

            # Config only: fails fast (exit 2) on a bad scenario before any executor is asked for.
            validate = SparkSubmitOperator(
                task_id="validate",
                name=f"unwind-validate-{scenario}",
                application_args=["validate", "--config", config, "--paths", "{{ params.paths }}"],
                execution_timeout=dt.timedelta(minutes=10),
                retries=0,  # a bad config does not get better by retrying
                **common,
            )
            simulate = SparkSubmitOperator(
                task_id="simulate",
                name=f"unwind-simulate-{scenario}",
                application_args=[
                    "simulate", "--config", config, "--run-id", run_id,
                    "--paths", "{{ params.paths }}", "--out", OUT,
                ],
                execution_timeout=dt.timedelta(hours=6),
                **common,
            )
            aggregate = SparkSubmitOperator(
                task_id="aggregate",
                name=f"unwind-aggregate-{scenario}",
                application_args=[
                    "aggregate", "--config", config, "--run-id", run_id, "--out", OUT,
                ],
                execution_timeout=dt.timedelta(hours=1),
                **common,
            )
            validate >> simulate >> aggregate
