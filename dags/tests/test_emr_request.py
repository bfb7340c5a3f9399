"""What the pipeline asks EMR for, checked offline against botocore's EMR service model, and the
settings and job arguments it is built from."""

from __future__ import annotations

from datetime import date

import botocore.session
import pytest
from botocore.validate import ParamValidator
from builditall.clusters import ClusterRequest
from builditall.emr import RELEASE_LABEL, emr_step, job_flow_overrides
from builditall.settings import SettingsError, resolve
from builditall.steps import SubmittingTask, job_steps, run_request

AWS_VARIABLES = {
    "platform_target": "aws",
    "lake_bucket": "builditall-lake-prod",
    "emr_subnet_ids": "subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788",
    "emr_service_role": "builditall-emr-service",
    "emr_instance_profile": "builditall-emr-ec2",
    "emr_primary_security_group_id": "sg-0a1b2c3d4e5f60711",
    "emr_core_security_group_id": "sg-0a1b2c3d4e5f60722",
    "emr_service_access_security_group_id": "sg-0a1b2c3d4e5f60733",
}
REQUEST = ClusterRequest(
    "builditall-big_data_pipeline-2025-03-01", "big_data_pipeline", "manual__2025-03-01T00:00:00+00:00"
)


def settings_from(values: dict[str, str]):
    return resolve(values.get)


@pytest.fixture(scope="module")
def emr_model():
    return botocore.session.get_session().get_service_model("emr")


def validation_errors(model, operation: str, params: dict) -> str:
    report = ParamValidator().validate(params, model.operation_model(operation).input_shape)
    return report.generate_report() if report.has_errors() else ""


def test_overrides_are_a_valid_run_job_flow_request(emr_model):
    overrides = job_flow_overrides(settings_from(AWS_VARIABLES), REQUEST)
    assert validation_errors(emr_model, "RunJobFlow", overrides) == ""


def test_steps_are_a_valid_add_job_flow_steps_request(emr_model):
    settings = settings_from(AWS_VARIABLES)
    request = run_request({}, "2025-03-01", REQUEST.run_id, settings.default_scale)
    steps = [emr_step(step, settings.bucket) for step in job_steps(request, settings.lake_uri)]
    assert (
        validation_errors(emr_model, "AddJobFlowSteps", {"JobFlowId": "j-ABCDEFGHIJKLM", "Steps": steps})
        == ""
    )


def test_a_misspelt_field_is_caught_by_the_model(emr_model):
    overrides = job_flow_overrides(settings_from(AWS_VARIABLES), REQUEST)
    overrides["Instances"]["InstanceFleets"][1]["TargetSpotCapcity"] = 2
    assert "TargetSpotCapcity" in validation_errors(emr_model, "RunJobFlow", overrides)


def test_cluster_is_emr_7_8_with_hadoop_and_spark_on_m5_xlarge():
    overrides = job_flow_overrides(settings_from(AWS_VARIABLES), REQUEST)
    assert overrides["ReleaseLabel"] == RELEASE_LABEL == "emr-7.8.0"
    assert {a["Name"] for a in overrides["Applications"]} == {"Hadoop", "Spark"}
    fleets = {f["InstanceFleetType"]: f for f in overrides["Instances"]["InstanceFleets"]}
    assert all(c["InstanceType"] == "m5.xlarge" for f in fleets.values() for c in f["InstanceTypeConfigs"])
    assert fleets["MASTER"]["TargetOnDemandCapacity"] == 1
    assert fleets["CORE"]["TargetSpotCapacity"] == 2


def test_core_nodes_are_spot_with_an_on_demand_fallback():
    overrides = job_flow_overrides(settings_from(AWS_VARIABLES), REQUEST)
    core = next(f for f in overrides["Instances"]["InstanceFleets"] if f["InstanceFleetType"] == "CORE")
    spot = core["LaunchSpecifications"]["SpotSpecification"]
    assert spot["TimeoutAction"] == "SWITCH_TO_ON_DEMAND"
    assert spot["TimeoutDurationMinutes"] > 0


def test_cluster_terminates_when_idle_logs_to_the_lake_and_runs_in_the_given_network_and_roles():
    overrides = job_flow_overrides(settings_from(AWS_VARIABLES), REQUEST)
    assert overrides["AutoTerminationPolicy"]["IdleTimeout"] == 3600
    assert overrides["LogUri"] == "s3://builditall-lake-prod/logs/emr/"
    assert overrides["Instances"]["Ec2SubnetIds"] == ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
    assert overrides["Instances"]["EmrManagedMasterSecurityGroup"] == "sg-0a1b2c3d4e5f60711"
    assert overrides["Instances"]["EmrManagedSlaveSecurityGroup"] == "sg-0a1b2c3d4e5f60722"
    assert overrides["Instances"]["ServiceAccessSecurityGroup"] == "sg-0a1b2c3d4e5f60733"
    assert overrides["ServiceRole"] == "builditall-emr-service"
    assert overrides["JobFlowRole"] == "builditall-emr-ec2"
    assert {"Key": "run_id", "Value": REQUEST.run_id} in overrides["Tags"]
    assert "SecurityConfiguration" not in overrides


def test_security_configuration_is_used_when_set():
    settings = settings_from({**AWS_VARIABLES, "emr_security_configuration": "builditall-emr-sec"})
    assert job_flow_overrides(settings, REQUEST)["SecurityConfiguration"] == "builditall-emr-sec"


def test_steps_run_the_etl_jobs_for_the_run_date_from_the_bucket():
    settings = settings_from(AWS_VARIABLES)
    request = run_request({"seed": 7, "scale": 0.5}, "2025-03-01", REQUEST.run_id, settings.default_scale)
    steps = [emr_step(step, settings.bucket) for step in job_steps(request, settings.lake_uri)]
    assert [s["Name"] for s in steps] == ["generate", "transform", "quality"]
    generate = steps[0]["HadoopJarStep"]["Args"]
    assert generate[:8] == [
        "spark-submit",
        "--deploy-mode",
        "cluster",
        "--conf",
        "spark.pyspark.python=/usr/bin/python3.11",
        "--py-files",
        "s3://builditall-lake-prod/etl/etl.zip",
        "s3://builditall-lake-prod/etl/submit.py",
    ]
    assert generate[8:] == [
        "generate", "--lake", "s3://builditall-lake-prod", "--seed", "7", "--scale", "0.5",
        "--start-date", "2025-03-01", "--end-date", "2025-03-01",
    ]  # fmt: skip
    quality = steps[2]["HadoopJarStep"]["Args"]
    assert quality[-4:] == ["--date", "2025-03-01", "--run-id", "manual__2025-03-01T00_00_00_00_00"]
    assert all(s["ActionOnFailure"] == "CANCEL_AND_WAIT" for s in steps)


def test_run_request_takes_the_conf_over_the_logical_date_and_keeps_job_order():
    request = run_request(
        {"run_date": "2025-02-03", "steps": ["quality", "generate"]}, "2025-03-01", "r", 0.01
    )
    assert request.run_date == date(2025, 2, 3)
    assert request.jobs == ("generate", "quality")
    assert request.scale == 0.01


def test_local_settings_default_to_the_repository_lake():
    settings = settings_from({})
    assert settings.target == "local"
    assert settings.lake_uri.endswith("/.platform/lake/builditall-lake")
    assert settings.lake_uri.startswith("file:///")
    assert settings.default_scale == 0.01


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"platform_target": "gcp"}, "platform_target"),
        ({"lake_bucket": "Bad_Bucket"}, "lake_bucket"),
        ({"lake_uri": "s3://elsewhere"}, "absolute file://"),
        ({"lake_uri": "file:///tmp/../etc"}, "'..'"),
        ({"pipeline_scale": "-1"}, "pipeline_scale"),
        ({**AWS_VARIABLES, "emr_subnet_ids": ""}, "emr_subnet_ids is required"),
        ({**AWS_VARIABLES, "emr_subnet_ids": "subnet-1; rm -rf /"}, "emr_subnet_ids"),
        ({**AWS_VARIABLES, "emr_service_role": ""}, "emr_service_role is required"),
        ({**AWS_VARIABLES, "emr_instance_profile": "a b"}, "emr_instance_profile"),
        ({**AWS_VARIABLES, "lake_uri": "s3://another-bucket"}, "lake must be"),
        ({**AWS_VARIABLES, "emr_core_security_group_id": ""}, "emr_core_security_group_id is required"),
        ({**AWS_VARIABLES, "emr_primary_security_group_id": "sg-1 x"}, "emr_primary_security_group_id"),
    ],
)
def test_invalid_settings_are_refused_with_the_setting_named(values, message):
    with pytest.raises(SettingsError, match=message.replace("(", r"\(")):
        settings_from(values)


def test_each_step_names_the_task_that_submitted_it_for_lineage():
    settings = settings_from(AWS_VARIABLES)
    request = run_request({}, "2025-03-01", REQUEST.run_id, settings.default_scale)
    parent = SubmittingTask(
        "big_data_pipeline", "manual__2025-03-01T00:00:00+00:00", "submit_spark_application", 2
    )
    for step in job_steps(request, settings.lake_uri, parent):
        assert step.args[-8:] == (
            "--dag-id", "big_data_pipeline", "--dag-run-id", "manual__2025-03-01T00:00:00+00:00",
            "--task-id", "submit_spark_application", "--try-number", "2",
        )  # fmt: skip
