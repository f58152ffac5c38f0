"""The inline code of StackCleanupFunction (cloudformation/twitter-stats.yaml), run as Lambda runs
it, against real HTTP peers: moto_server for CloudFormation, S3 and Lambda as they behave, and a
scripted loopback CloudFormation/CodePipeline endpoint for what moto cannot be made to do (refuse
with AccessDenied, throttle, report a stale status). CloudFormation's and CodePipeline's answers
are written from their API references (Query protocol XML; JSON 1.1 for CodePipeline).

    python3 -m unittest test_stack_cleanup      (StackCleanupCodeTest runs it)
"""
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import types
import unittest
import urllib.parse
import urllib.request

from cfnlint.decode import decode

ROOT = os.environ.get("PROJECT_DIR", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ROLE = "arn:aws:iam::123456789012:role/twitter-stats-DeployRole-ABC"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_code():
    template, matches = decode(os.path.join(ROOT, "cloudformation/twitter-stats.yaml"))
    assert not matches, matches
    code = template["Resources"]["StackCleanupFunction"]["Properties"]["Code"]["ZipFile"]
    module = types.ModuleType("index")
    exec(compile(code, "index.py", "exec"), module.__dict__)
    return module


class Context:
    log_stream_name = "2026/12/01/[$LATEST]abc"

    def __init__(self, seconds):
        self.end = time.time() + seconds

    def get_remaining_time_in_millis(self):
        return int((self.end - time.time()) * 1000)


class Peer(http.server.ThreadingHTTPServer):
    """A loopback server answering with a script: answer(action, params, body) -> (status, body)."""

    def __init__(self, answer):
        self.answer, self.calls = answer, []
        peer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                target = self.headers.get("X-Amz-Target")
                if target:
                    action, params = target.split(".")[-1], json.loads(body or "{}")
                elif self.command == "PUT":
                    action, params = "Respond", json.loads(body)
                else:
                    params = dict(urllib.parse.parse_qsl(body))
                    action = params.get("Action")
                peer.calls.append((action, params))
                status, payload = peer.answer(action, params)
                data = payload.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.1" if target else "text/xml")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_PUT = _serve

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def actions(self):
        return [c[0] for c in self.calls]


def error(code, message, status=400):
    return status, ("<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
                    "<RequestId>r</RequestId></ErrorResponse>" % (code, message))


def stack(status, name="twitter-stats-function"):
    return 200, ("<DescribeStacksResponse><DescribeStacksResult><Stacks><member>"
                 "<StackName>%s</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/%s/1</StackId>"
                 "<StackStatus>%s</StackStatus><CreationTime>2026-12-01T00:00:00Z</CreationTime>"
                 "<Outputs/></member></Stacks></DescribeStacksResult></DescribeStacksResponse>" % (name, name, status))


OK = {"DeleteStack": (200, "<DeleteStackResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteStackResponse>"),
      "PutJobSuccessResult": (200, "{}"), "PutJobFailureResult": (200, "{}"), "Respond": (200, "")}


class StackCleanupCode(unittest.TestCase):
    moto = None

    @classmethod
    def setUpClass(cls):
        port = free_port()
        cls.moto_url = "http://127.0.0.1:%d" % port
        cls.moto = subprocess.Popen([sys.executable, "-m", "moto.server", "-p", str(port)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(cls.moto_url + "/moto-api/", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        os.environ.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
                          AWS_MAX_ATTEMPTS="1", AWS_RETRY_MODE="standard")

    @classmethod
    def tearDownClass(cls):
        cls.moto.terminate()
        cls.moto.wait(10)

    def setUp(self):
        for variable in [v for v in os.environ if v.startswith("AWS_ENDPOINT_URL")]:
            del os.environ[variable]
        os.environ["AWS_ENDPOINT_URL"] = self.moto_url
        self.code = load_code()
        self.responses = Peer(lambda action, params: OK["Respond"])

    def delete_event(self, stack_name="twitter-stats-function", buckets=()):
        return {"RequestType": "Delete", "ResponseURL": self.responses.url + "/response", "StackId": "s",
                "RequestId": "q", "LogicalResourceId": "StackCleanup", "PhysicalResourceId": "stack-cleanup",
                "ResourceProperties": {"FunctionStackName": stack_name, "DeployRoleArn": ROLE,
                                       "FunctionStackBucketOutputs": ["SpoolBucketName"], "Buckets": list(buckets)}}

    def answer(self):
        self.assertEqual(1, len(self.responses.calls), "one answer to CloudFormation")
        return self.responses.calls[0][1]

    def scripted(self, answer):
        peer = Peer(answer)
        os.environ["AWS_ENDPOINT_URL_CLOUDFORMATION"] = peer.url
        os.environ["AWS_ENDPOINT_URL_CODEPIPELINE"] = peer.url
        return peer

    # -- deletion of the pipeline stack (the custom resource)

    def test_a_stack_that_does_not_exist_is_nothing_to_delete_and_the_buckets_are_emptied(self):
        import boto3
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="artifacts")
        s3.put_object(Bucket="artifacts", Key="a/b.zip", Body=b"x")

        self.code.handler(self.delete_event(buckets=["artifacts"]), Context(900))

        self.assertEqual("SUCCESS", self.answer()["Status"])
        self.assertNotIn("Contents", s3.list_objects_v2(Bucket="artifacts"))

    def test_an_existing_stack_is_emptied_then_deleted(self):
        import boto3
        cfn = boto3.client("cloudformation")
        cfn.create_stack(StackName="fn-function", TemplateBody=json.dumps({
            "Resources": {"SpoolBucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "fn-spool"}}},
            "Outputs": {"SpoolBucketName": {"Value": {"Ref": "SpoolBucket"}}}}))
        boto3.client("s3").put_object(Bucket="fn-spool", Key="spool/1.json", Body=b"{}")

        self.code.handler(self.delete_event("fn-function"), Context(900))

        self.assertEqual("SUCCESS", self.answer()["Status"], self.answer())
        gone = [s for s in cfn.list_stacks()["StackSummaries"] if s["StackName"] == "fn-function"]
        self.assertEqual(["DELETE_COMPLETE"], [s["StackStatus"] for s in gone])

    def test_access_denied_is_a_failure_not_an_absent_stack(self):
        peer = self.scripted(lambda action, params: error("AccessDenied", "not authorized to perform: cloudformation:DescribeStacks", 403))

        self.code.handler(self.delete_event(), Context(900))

        self.assertEqual("FAILED", self.answer()["Status"])
        self.assertIn("AccessDenied", self.answer()["Reason"])
        self.assertNotIn("DeleteStack", peer.actions())

    def test_throttling_is_a_failure_not_an_absent_stack(self):
        self.scripted(lambda action, params: error("Throttling", "Rate exceeded"))

        self.code.handler(self.delete_event(), Context(900))

        self.assertEqual("FAILED", self.answer()["Status"])
        self.assertIn("Throttling", self.answer()["Reason"])

    def test_a_stale_delete_failed_right_after_delete_stack_does_not_end_the_wait(self):
        statuses = iter(["UPDATE_COMPLETE", "DELETE_FAILED", "DELETE_IN_PROGRESS", "DELETE_COMPLETE"])
        peer = self.scripted(lambda action, params: OK[action] if action in OK else stack(next(statuses)))
        self.code.time = types.SimpleNamespace(time=time.time, sleep=lambda seconds: None)

        self.code.handler(self.delete_event(), Context(900))

        self.assertEqual("SUCCESS", self.answer()["Status"], self.answer())
        self.assertEqual(1, peer.actions().count("DeleteStack"), "one deletion: the stale status was not taken for its end")

    def test_it_answers_before_the_function_times_out_when_the_deletion_hangs(self):
        self.scripted(lambda action, params: OK[action] if action in OK else stack("DELETE_IN_PROGRESS"))
        started = time.time()

        self.code.handler(self.delete_event(), Context(self.code.MARGIN + 2))

        self.assertEqual("FAILED", self.answer()["Status"])
        self.assertIn("time ran out", self.answer()["Reason"])
        self.assertLess(time.time() - started, 2.5)

    # -- the pipeline's Heal and PruneVersions actions

    def job(self, parameters):
        return {"CodePipeline.job": {"id": "job-1", "data": {"actionConfiguration": {"configuration": {
            "FunctionName": "cleanup", "UserParameters": json.dumps(parameters)}}}}}

    def test_heal_deletes_a_stack_whose_first_creation_failed(self):
        statuses = iter(["ROLLBACK_COMPLETE", "ROLLBACK_COMPLETE", "DELETE_IN_PROGRESS", "DELETE_COMPLETE"])
        peer = self.scripted(lambda action, params: OK[action] if action in OK else stack(next(statuses)))
        self.code.time = types.SimpleNamespace(time=time.time, sleep=lambda seconds: None)

        self.code.handler(self.job({"mode": "heal", "stack": "twitter-stats-function", "role": ROLE}), Context(900))

        self.assertEqual(["DescribeStacks", "DescribeStacks", "DeleteStack", "DescribeStacks", "DescribeStacks",
                          "PutJobSuccessResult"], peer.actions())
        self.assertEqual(ROLE, peer.calls[2][1]["RoleARN"])

    def test_heal_leaves_a_healthy_or_missing_stack_alone(self):
        for answer in (stack("UPDATE_ROLLBACK_COMPLETE"), error("ValidationError", "Stack with id x does not exist")):
            peer = self.scripted(lambda action, params: OK[action] if action in OK else answer)

            self.code.handler(self.job({"mode": "heal", "stack": "twitter-stats-function", "role": ROLE}), Context(900))

            self.assertEqual(["DescribeStacks", "PutJobSuccessResult"], peer.actions())

    def test_heal_fails_the_job_when_the_stack_cannot_be_read(self):
        peer = self.scripted(lambda action, params: OK[action] if action in OK else error("AccessDenied", "no", 403))

        self.code.handler(self.job({"mode": "heal", "stack": "twitter-stats-function", "role": ROLE}), Context(900))

        self.assertEqual("PutJobFailureResult", peer.actions()[-1])
        self.assertIn("AccessDenied", peer.calls[-1][1]["failureDetails"]["message"])

    def test_prune_keeps_the_newest_three_versions_and_every_aliased_one(self):
        import boto3
        aws = boto3.client("lambda")
        iam = boto3.client("iam")
        role = iam.create_role(RoleName="fn-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
        aws.create_function(FunctionName="fn", Runtime="python3.12", Role=role, Handler="index.handler",
                            Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18})
        for i in range(6):
            aws.update_function_configuration(FunctionName="fn", Description="v%d" % i)
            aws.publish_version(FunctionName="fn")
        aws.create_alias(FunctionName="fn", Name="live", FunctionVersion="2")
        peer = self.scripted(lambda action, params: OK[action])

        self.code.handler(self.job({"mode": "prune", "functions": ["fn", "fn-backup-worker"]}), Context(900))

        versions = [v["Version"] for v in aws.list_versions_by_function(FunctionName="fn")["Versions"]]
        self.assertEqual(["$LATEST", "2", "4", "5", "6"], versions)
        self.assertEqual(["PutJobSuccessResult"], peer.actions())


if __name__ == "__main__":
    unittest.main()
