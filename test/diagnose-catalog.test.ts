import { beforeAll, describe, expect, it } from 'vitest';
import { isValidArn, arnTokens } from '../source/diagnose/arn.js';
import { consoleErrorCatalog, parseConsoleErrorCatalog } from '../source/diagnose/catalog.js';
import { diagnoseError, type DiagnoseDeps } from '../source/diagnose/diagnose.js';
import { sandboxSession } from './helpers/session.js';

const readOnly = 'arn:aws:sts::111122223333:assumed-role/ReadOnly/alice';

/** One realistic error per catalog entry (as the console, an SDK or the AWS CLI prints it), with the page it came from and what the diagnosis must name. */
const cases: Array<{ id: string; error: string; url?: string; names: string[] }> = [
  {
    id: 's3-public-access-blocked',
    error: `User: ${readOnly} is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::my-bucket-123456" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
    names: ['my-bucket-123456', 'arn:aws:s3:::my-bucket-123456/*', 'aws s3api put-public-access-block --bucket my-bucket-123456'],
  },
  {
    id: 'access-denied-scp',
    error: `User: ${readOnly} is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:ap-east-1:111122223333:instance/* with an explicit deny in a service control policy`,
    names: ['ec2:RunInstances', '111122223333', readOnly],
  },
  {
    id: 'access-denied-explicit-deny',
    error: `User: ${readOnly} is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::my-bucket-123456/reports/2026-10.csv" with an explicit deny in a resource-based policy`,
    names: ['resource-based policy', 's3:DeleteObject', 'arn:aws:s3:::my-bucket-123456/reports/2026-10.csv'],
  },
  {
    id: 'iam-pass-role-denied',
    error: `User: ${readOnly} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/checkout-lambda-role because no identity-based policy allows the iam:PassRole action`,
    names: ['arn:aws:iam::111122223333:role/checkout-lambda-role', '--role-name ReadOnly', '"Action":"iam:PassRole"'],
  },
  {
    id: 'kms-key-access-denied',
    error: `User: ${readOnly} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/57714409-300d-4d66-bc05-a536b74647ae because no identity-based policy allows the kms:Decrypt action (Service: Kms, Status Code: 400)`,
    names: ['arn:aws:kms:us-east-1:111122223333:key/57714409-300d-4d66-bc05-a536b74647ae', 'role ReadOnly', '"Action":"kms:Decrypt"'],
  },
  {
    id: 'ec2-unauthorized-encoded',
    error: 'You are not authorized to perform this operation. Encoded authorization failure message: 4dBFh2pypBqJ8_u1VwQbbHnO4EUBSlwP1cHn0bV2aFtNkZLX3Y9dRr-Xq0eH1OQ7tJ6l2x0zYpM',
    url: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#LaunchInstances:',
    names: ['aws sts decode-authorization-message --encoded-message 4dBFh2pypBqJ8_u1VwQbbHnO4EUBSlwP1cHn0bV2aFtNkZLX3Y9dRr-Xq0eH1OQ7tJ6l2x0zYpM'],
  },
  {
    id: 's3-bucket-not-empty',
    error: 'BucketNotEmpty: The bucket you tried to delete is not empty. You must delete all versions in the bucket.',
    url: 'https://s3.console.aws.amazon.com/s3/bucket/my-bucket-123456/delete?region=us-west-2',
    names: ['my-bucket-123456', 'arn:aws:s3:::my-bucket-123456', 'aws s3api delete-bucket --bucket my-bucket-123456 --region us-west-2'],
  },
  {
    id: 's3-bucket-name-taken',
    error: 'BucketAlreadyExists: The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    url: 'https://s3.console.aws.amazon.com/s3/bucket/create?region=us-east-1',
    names: ['111122223333'],
  },
  {
    id: 's3-no-such-bucket',
    error: 'An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist',
    url: 'https://s3.console.aws.amazon.com/s3/buckets/my-bucket-1234567?region=us-west-2',
    names: ['my-bucket-1234567', 'Account 111122223333 has no bucket my-bucket-1234567'],
  },
  {
    id: 'iam-entity-already-exists',
    error: 'Role with name ReadOnly already exists. (Service: AmazonIdentityManagement; Status Code: 409; Error Code: EntityAlreadyExists)',
    names: ['Role ReadOnly'],
  },
  {
    id: 'iam-delete-conflict',
    error: 'Cannot delete entity, must detach all policies first. (Service: AmazonIdentityManagement; Status Code: 409; Error Code: DeleteConflict)',
    url: 'https://console.aws.amazon.com/iam/home#/roles/details/ReadOnly?section=permissions',
    names: ['arn:aws:iam::111122223333:policy/ReadOnlyCompute', 'ReadReportObjects', 'aws iam delete-role --role-name ReadOnly'],
  },
  {
    id: 'iam-quota-exceeded',
    error: 'An error occurred (LimitExceeded) when calling the AttachRolePolicy operation: Cannot exceed quota for PoliciesPerRole: 10',
    url: 'https://console.aws.amazon.com/iam/home#/roles/details/ReadOnly',
    names: ['PoliciesPerRole', 'role ReadOnly', 'arn:aws:iam::111122223333:policy/ReadOnlyCompute'],
  },
  {
    id: 'ec2-insufficient-capacity',
    error:
      'We currently do not have sufficient c6i.2xlarge capacity in the Availability Zone you requested (us-east-1c). Our system will be working on provisioning additional capacity. You can currently get c6i.2xlarge capacity by not specifying an Availability Zone in your request or choosing us-east-1a, us-east-1b, us-east-1d.',
    url: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-03a8370c6cb74f90a',
    names: ['Instance i-03a8370c6cb74f90a can only start in', 'us-east-1c'],
  },
  {
    id: 'ec2-vcpu-limit',
    error:
      'You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.',
    url: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#LaunchInstances:',
    names: ['us-east-1', 'running in us-east-1'],
  },
  {
    id: 'ec2-invalid-ami',
    error: "The image id '[ami-0abcdef1234567890]' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidAMIID.NotFound)",
    url: 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#LaunchInstances:ami=ami-0abcdef1234567890',
    names: ['aws ec2 describe-images --image-ids ami-0abcdef1234567890 --region eu-west-1'],
  },
  {
    id: 'ec2-eip-limit',
    error: 'The maximum number of addresses has been reached. (Service: AmazonEC2; Status Code: 400; Error Code: AddressLimitExceeded)',
    url: 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Addresses:',
    names: ['aws ec2 describe-addresses --region eu-west-1'],
  },
  {
    id: 'ec2-termination-protected',
    error: "The instance 'i-0591e36eb218ab960' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.",
    url: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:',
    names: ['vol-0451b5c023d4b747b', 'sg-0c31d1f9fd9073097', 'aws ec2 modify-instance-attribute --instance-id i-0591e36eb218ab960 --no-disable-api-termination --region us-east-1'],
  },
  {
    id: 'ec2-security-group-in-use',
    error: 'resource sg-0c31d1f9fd9073097 has a dependent object (Service: AmazonEC2; Status Code: 400; Error Code: DependencyViolation)',
    url: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#SecurityGroups:',
    names: ['i-0591e36eb218ab960', 'aws ec2 delete-security-group --group-id sg-0c31d1f9fd9073097 --region us-east-1'],
  },
  {
    id: 'ec2-volume-in-use',
    error: 'An error occurred (VolumeInUse) when calling the DeleteVolume operation: Volume vol-0451b5c023d4b747b is currently attached to i-0591e36eb218ab960',
    url: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Volumes:',
    names: ['/dev/xvda', 'aws ec2 detach-volume --volume-id vol-0451b5c023d4b747b --region us-east-1'],
  },
  {
    id: 'vpc-limit',
    error: 'The maximum number of VPCs has been reached. (Service: AmazonEC2; Status Code: 400; Error Code: VpcLimitExceeded)',
    url: 'https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#CreateVpc:createMode=vpcWithResources',
    names: ['vpc-02c8aeffa66c02f41', 'vpc-07c8d00dfcd8fb854'],
  },
  {
    id: 'vpc-has-dependencies',
    error: "The vpc 'vpc-07c8d00dfcd8fb854' has dependencies and cannot be deleted. (Service: AmazonEC2; Status Code: 400; Error Code: DependencyViolation)",
    url: 'https://us-east-1.console.aws.amazon.com/vpcconsole/home?region=us-east-1#VpcDetails:VpcId=vpc-07c8d00dfcd8fb854',
    names: ['i-0591e36eb218ab960', 'aws ec2 delete-vpc --vpc-id vpc-07c8d00dfcd8fb854 --region us-east-1'],
  },
  {
    id: 'lambda-role-cannot-be-assumed',
    error: 'InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda.',
    url: 'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/checkout-api-prod?tab=configure',
    names: ['execution role checkout-lambda-role', 'arn:aws:lambda:eu-west-1:111122223333:function:checkout-api-prod'],
  },
  {
    id: 'lambda-function-exists',
    error: 'ResourceConflictException: Function already exist: orders-ingest-prod',
    url: 'https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1#/create/function',
    names: ['function orders-ingest-prod', '--function-name orders-ingest-prod --zip-file fileb://function.zip --region us-east-1'],
  },
  {
    id: 'rds-db-instance-exists',
    error: 'DB instance already exists (Service: AmazonRDS; Status Code: 400; Error Code: DBInstanceAlreadyExists)',
    url: 'https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=checkout-db;is-cluster=false',
    names: ['DB instance checkout-db', 'postgres 15.8'],
  },
  {
    id: 'rds-deletion-protection',
    error: 'Cannot delete protected DB Instance, please disable deletion protection and try again.',
    url: 'https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=checkout-db;is-cluster=false',
    names: ['aws rds modify-db-instance --db-instance-identifier checkout-db --no-deletion-protection --apply-immediately --region us-east-1', 'deletion protection on'],
  },
  {
    id: 'dynamodb-table-being-deleted',
    error: 'Attempt to change a resource which is still in use: Table is being deleted: orders-archive',
    url: 'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables',
    names: ['table orders-archive', 'no longer exists in us-east-1'],
  },
  {
    id: 'dynamodb-table-exists',
    error: 'ResourceInUseException: Table already exists: orders-prod',
    url: 'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1#create-table',
    names: ['table orders-prod', 'aws dynamodb update-table --table-name orders-prod --no-deletion-protection-enabled --region us-east-1'],
  },
  {
    id: 'kms-key-disabled',
    error: 'arn:aws:kms:us-east-1:111122223333:key/57714409-300d-4d66-bc05-a536b74647ae is disabled. (Service: AWSKMS; Status Code: 400; Error Code: DisabledException)',
    names: ['aws kms enable-key --key-id 57714409-300d-4d66-bc05-a536b74647ae --region us-east-1', 'checkout-db storage encryption'],
  },
  {
    id: 'kms-key-pending-deletion',
    error: 'arn:aws:kms:eu-west-1:111122223333:key/3d1a23c3-4733-4423-96d8-3bc2a9e24d62 is pending deletion. (Service: AWSKMS; Status Code: 400; Error Code: KMSInvalidStateException)',
    names: ['aws kms cancel-key-deletion --key-id 3d1a23c3-4733-4423-96d8-3bc2a9e24d62 --region eu-west-1'],
  },
  {
    id: 'access-denied',
    error: 'Insufficient permissions to list objects. After you or your AWS administrator have updated your permissions to allow the s3:ListBucket action, refresh the page.',
    url: 'https://s3.console.aws.amazon.com/s3/buckets/my-bucket-123456?region=us-west-2&bucketType=general&tab=objects',
    names: ['s3:ListBucket on arn:aws:s3:::my-bucket-123456', 'role AWSReservedSSO_QDeveloperPro_3b9f4c1a2d8e7f60'],
  },
];

describe('the console error catalog', () => {
  let deps: DiagnoseDeps;
  beforeAll(async () => {
    const session = await sandboxSession();
    deps = { clients: session.clients, caller: session.caller, homeRegion: session.region, listCap: 1000 };
  });

  it('has at least 20 entries across S3, IAM, EC2, Lambda, RDS, DynamoDB, KMS and VPC, each with a case here', () => {
    const { errors } = consoleErrorCatalog();
    expect(errors.length).toBeGreaterThanOrEqual(20);
    expect(new Set(errors.map((entry) => entry.service))).toEqual(new Set(['s3', 'iam', 'ec2', 'lambda', 'rds', 'dynamodb', 'kms', 'vpc']));
    expect(cases.map((c) => c.id).sort()).toEqual(errors.map((entry) => entry.id).sort());
  });

  it.each(cases)('$id: recognised, names the real resources, no placeholder, well-formed ARNs', async ({ id, error, url, names }) => {
    const { errorClass, answer } = await diagnoseError({ error, url }, deps);
    expect(errorClass).toBe(id);
    expect(answer.outcome).toBe('answered');
    expect(answer.failures).toEqual([]);
    expect(answer.steps!.length).toBeGreaterThan(0);
    const text = [answer.summary, answer.analysis, ...answer.steps!].join('\n');
    for (const name of names) expect(text).toContain(name);
    expect(text).not.toMatch(/\{[a-zA-Z]+\}|<[a-z-]+>/);
    for (const step of answer.steps!) for (const arn of arnTokens(step)) expect(isValidArn(arn), `${arn} in "${step}"`).toBe(true);
  });
});

describe('catalog records are checked when loaded', () => {
  const shipped = () => structuredClone(consoleErrorCatalog()) as unknown as { values: Record<string, unknown>; errors: Array<Record<string, unknown>> };
  const record = (overrides: Record<string, unknown>) => ({ id: 'x-new', service: 's3', title: 'New', summary: 'New', match: ['NewError'], analysis: 'Something.', steps: [{ text: 'Do it.' }], ...overrides });
  const load = (errors: unknown[]) => parseConsoleErrorCatalog({ values: shipped().values, errors }, 'console-errors.json');

  it('adding an error class is adding a record', () => {
    const catalog = load([record({ steps: [{ text: 'Empty {bucket}.' }] })]);
    expect(catalog.errors[0]!.patterns[0]!.test('a NewError happened')).toBe(true);
  });

  it.each([
    ['an unknown value', record({ analysis: 'Bucket {bucketName}.' }), 'x-new: unknown value bucketName'],
    ['a step naming a value with no way to find it, outside "when"', record({ steps: [{ text: 'Versioning is {bucketVersioning}.' }] }), 'x-new: step names bucketVersioning'],
    ['a pattern that does not compile', record({ match: ['(unclosed'] }), 'x-new: pattern "(unclosed" does not compile'],
    ['a capture of an unknown value', record({ match: ['bucket (?<bukket>\\S+)'] }), 'x-new: pattern captures unknown value bukket'],
    ['an unknown probe', record({ interrogate: ['everything'] }), 'errors.0.interrogate.0'],
  ])('rejects %s', (_, entry, message) => {
    expect(() => load([entry])).toThrow(message);
  });

  it('rejects duplicate ids', () => {
    expect(() => load([record({}), record({})])).toThrow('x-new: duplicate id');
  });
});
