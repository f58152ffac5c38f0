"""Expands samTemplate.yaml with aws-sam-translator as CloudFormation's AWS::Serverless transform
does, offline, and prints the expanded template as JSON (IamCoverageTest reads it).

    python3 expand_sam.py TEMPLATE PACKAGE_URI [Name=Value ...]

CloudFormation expands the *packaged* template, whose CodeUri values `aws cloudformation package`
has replaced with the S3 URI of the uploaded jar: PACKAGE_URI (s3://bucket/key) stands for it.

The parameter values are the ones the pipeline passes; the pseudo parameters are those of a
sample account and Region. SAM only needs the managed-policy map to turn a policy *name* in
`Policies` into an ARN; samTemplate.yaml names none, so the map is a stub with only the one
managed policy SAM attaches itself (AWSLambdaBasicExecutionRole), and no AWS call is made.
"""
import json
import sys

import boto3

from cfnlint.decode import decode_str
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator


class StubPolicyLoader:
    """The managed-policy map without IAM's ListPolicies: SAM asks for it only by name."""

    def load(self):
        return {"AWSLambdaBasicExecutionRole":
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}


def main(path, package_uri, assignments):
    with open(path, encoding="utf-8") as f:
        template, matches = decode_str(f.read())
    if matches:
        raise SystemExit("cannot parse " + path + ": " + "; ".join(str(m) for m in matches))
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in properties:
            properties["CodeUri"] = package_uri
    parameters = dict(a.split("=", 1) for a in assignments)
    parameters.setdefault("AWS::Region", "us-east-1")
    parameters.setdefault("AWS::AccountId", "123456789012")
    parameters.setdefault("AWS::Partition", "aws")
    parameters.setdefault("AWS::StackName", "twitter-stats-function")
    # A session only names the Region (SAM derives the partition from it); it calls nothing.
    session = boto3.session.Session(region_name=parameters["AWS::Region"])
    translator = Translator(None, Parser(), boto_session=session)
    try:
        expanded = translator.translate(json.loads(json.dumps(template)), parameters,
                                        get_managed_policy_map=StubPolicyLoader().load)
    except InvalidDocumentException as error:
        raise SystemExit("SAM refused the template: " + "; ".join(str(c) for c in error.causes))
    json.dump(expanded, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
