"""Monthly MMM refit under Airflow: one pod per market runs `mmm batch --only <market>` in the
mmm-workbench-cli image (built by this repository's Dockerfile), then one pod collects the summary
of every market (`--summary-only`). The manifest, data and results live on the shared volume
`mmm-data`, mounted at /data in every pod. Airflow 2.9+ with the cncf.kubernetes provider.
See docs/batch.md.
"""

import pendulum
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from kubernetes.client import models as k8s

IMAGE = "registry.example.com/mmm-workbench-cli:0.1.0"
MANIFEST = "/data/markets.json"
OUT = "/data/out"
# The manifest's markets (mmm batch --only refuses a market the manifest does not name).
MARKETS = ["north", "south", "east", "west", "central", "national"]


def mmm_arguments(market):
    """The container arguments of one market's task: its jobs of the manifest, nothing else."""
    return ["batch", MANIFEST, "--out", OUT, "--only", market]


SUMMARY_ARGUMENTS = ["batch", MANIFEST, "--out", OUT, "--summary-only"]

DATA = k8s.V1Volume(
    name="data",
    persistent_volume_claim=k8s.V1PersistentVolumeClaimVolumeSource(claim_name="mmm-data"),
)
DATA_MOUNT = k8s.V1VolumeMount(name="data", mount_path="/data")
FIT_RESOURCES = k8s.V1ResourceRequirements(requests={"cpu": "4", "memory": "2Gi"}, limits={"memory": "4Gi"})

with DAG(
    dag_id="mmm_monthly_refit",
    schedule="@monthly",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_tasks=3,
    tags=["mmm"],
) as dag:
    # One mapped task per market: a failed market is retried or marked failed on its own.
    fits = KubernetesPodOperator.partial(
        task_id="fit_market",
        image=IMAGE,
        volumes=[DATA],
        volume_mounts=[DATA_MOUNT],
        container_resources=FIT_RESOURCES,
        get_logs=True,
        retries=1,
    ).expand(arguments=[mmm_arguments(market) for market in MARKETS])

    summary = KubernetesPodOperator(
        task_id="summary",
        image=IMAGE,
        arguments=SUMMARY_ARGUMENTS,
        volumes=[DATA],
        volume_mounts=[DATA_MOUNT],
        get_logs=True,
        # The summary is wanted even when a market failed: it names the failure.
        trigger_rule="all_done",
    )

    fits >> summary
