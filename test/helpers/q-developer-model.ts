/**
 * What AWS's open-source Amazon Q Developer CLI (github aws/amazon-q-developer-cli) says about the
 * Q endpoints, which no botocore or SDK model covers:
 * - the operations of its generated client, crates/amzn-codewhisperer-client, as src/operation/
 *   names them (snake case there, the wire's PascalCase here);
 * - awsJson1_0 with `X-Amz-Target: AmazonCodeWhispererService.<Operation>` and bearer auth (the
 *   crate's protocol serializers and its bearer auth scheme), POST to the endpoint's root;
 * - the hosts of crates/chat-cli/src/api_client/consts.rs: PROD_CODEWHISPERER_ENDPOINT_URL
 *   https://q.us-east-1.amazonaws.com and PROD_CODEWHISPERER_FRA_ENDPOINT_URL
 *   https://q.eu-central-1.amazonaws.com/.
 */
export const qDeveloperOperations: ReadonlySet<string> = new Set(
  'create_artifact_upload_url create_subscription_token create_task_assist_conversation create_upload_url create_user_memory_entry create_workspace delete_task_assist_conversation delete_user_memory_entry delete_workspace generate_completions get_code_analysis get_code_fix_job get_profile get_retrievals get_task_assist_code_generation get_test_generation get_transformation get_transformation_plan get_usage_limits list_available_customizations list_available_models list_available_profiles list_available_subscriptions list_code_analysis_findings list_events list_feature_evaluations list_user_memory_entries list_workspace_metadata push_telemetry_event resume_transformation send_telemetry_event set_user_preference start_code_analysis start_code_fix_job start_task_assist_code_generation start_test_generation start_transformation stop_transformation update_usage_limits'
    .split(' ')
    .map((snake) => snake.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())),
);

export const qDeveloperWire = {
  protocol: 'awsJson1_0',
  targetPrefix: 'AmazonCodeWhispererService',
  auth: 'bearer',
  method: 'POST',
  hosts: ['q.us-east-1.amazonaws.com', 'q.eu-central-1.amazonaws.com'],
} as const;
