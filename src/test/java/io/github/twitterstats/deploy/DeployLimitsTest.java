package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.deploy.AdmittedValues.Shape;
import io.github.twitterstats.deploy.AwsLimits.NameRule;
import io.github.twitterstats.deploy.AwsLimits.Violation;
import io.github.twitterstats.deploy.WorstCaseRenderer.Deployment;
import io.github.twitterstats.deploy.WorstCaseRenderer.Region;
import io.github.twitterstats.deploy.WorstCaseRenderer.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Both templates deploy for every input their parameters admit: each is rendered (see
 * WorstCaseRenderer) for every deployment of {@link #deployments}, i.e. the longest value of every
 * shape each parameter admits (AdmittedValues), every AllowedValues value, both sides of every
 * condition, in the Regions with the longest names of each partition, and what AWS enforces at
 * deploy time (AwsLimits, each limit with its source) is measured on the result. A failure lists
 * each limit exceeded once, with the worst value seen and the deployment that reached it.
 */
class DeployLimitsTest {

    static final List<String> TEMPLATES = Template.ALL;

    /**
     * The longest Region name of each partition the templates can be deployed in (14 characters;
     * GovCloud's are 13 but its partition name is the longest), from the AWS SDK's own list of
     * partitions and Regions (botocore/data/endpoints.json, which names every Region: e.g.
     * ap-southeast-7, cn-northwest-1, us-gov-west-1, eusc-de-east-1).
     */
    static final List<Region> REGIONS = List.of(
            new Region("aws", "ap-southeast-7", "amazonaws.com"),
            new Region("aws-us-gov", "us-gov-west-1", "amazonaws.com"),
            new Region("aws-cn", "cn-northwest-1", "amazonaws.com.cn"),
            new Region("aws-eusc", "eusc-de-east-1", "amazonaws.eu"));
    static final String ACCOUNT_ID = "123456789012";
    /** The longest stack name CloudFormation admits (128 characters), for the pipeline stack the user names. */
    static final String LONGEST_STACK_NAME = "Twitter-stats-" + "x".repeat(128 - "Twitter-stats-".length());

    /** Shapes of the values a generic probe cannot guess (ARNs, paths, schedule expressions). */
    static final Map<String, List<Shape>> EXAMPLES = Map.of(
            "GitHubConnectionArn", List.of(Shape.startingWith("arn:aws:codeconnections:us-east-1:" + ACCOUNT_ID + ":connection/")),
            "XCredentialsSecretArn", List.of(Shape.startingWith("arn:aws:secretsmanager:us-east-1:" + ACCOUNT_ID + ":secret:")),
            "DataDogCredentialsSecretArn", List.of(Shape.startingWith("arn:aws:secretsmanager:us-east-1:" + ACCOUNT_ID + ":secret:")),
            "AccountsParameterName", List.of(Shape.startingWith("/")),
            "BackupSchedule", List.of(new Shape("cron(", ")"), new Shape("rate(", ")")));

    /** The extreme values of each parameter of each template (AdmittedValues). */
    static final Map<String, Map<String, List<String>>> EXTREMES = Map.of(
            Template.PIPELINE, extremes(Template.load(Template.PIPELINE)),
            Template.FUNCTION, extremes(Template.load(Template.FUNCTION)));

    /** Every deployment each template is rendered for. */
    static final Map<String, List<Deployment>> DEPLOYMENTS = Map.of(
            Template.PIPELINE, deployments(Template.load(Template.PIPELINE), parameters -> LONGEST_STACK_NAME),
            // the pipeline deploys the function stack as <FunctionName>-function
            Template.FUNCTION, deployments(Template.load(Template.FUNCTION),
                    parameters -> parameters.get("FunctionName") + "-function"));

    // ------------------------------------------------------------------ the limits

    /** Issue 9, finding 4: DeployRole's inline policies are near the limit at the default inputs. */
    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyRolesInlinePoliciesStayWithin10240Characters(String file) {
        assertNoViolation(file, "inlinePolicies");
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyManagedPolicyStaysWithin6144CharactersAndEveryRoleHasAtMost10(String file) {
        assertNoViolation(file, "managedPolicies");
    }

    /** Issue 9, finding 8: ParameterOverrides carries unbounded inputs. */
    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyPipelineActionConfigurationValueStaysWithin1000Characters(String file) {
        assertNoViolation(file, "actionConfigurationValues");
    }

    /** Issue 9, finding 6: FunctionName admits what a stack, change set or bucket name does not. */
    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyNameIsOneAwsAccepts(String file) {
        assertNoViolation(file, "names");
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyFunctionsEnvironmentStaysWithin4KB(String file) {
        assertNoViolation(file, "environments");
    }

    /** Issue 9, finding 14: ArchiveTransitionDays admits 1. */
    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyLifecycleTransitionIsOneS3Accepts(String file) {
        assertNoViolation(file, "lifecycleTransitions");
    }

    /**
     * The pipeline passes its own inputs on to the function stack (the TemplateConfiguration the build
     * writes from the CodeBuild project's TEMPLATE_CONFIGURATION): whatever the pipeline's parameters
     * admit, samTemplate.yaml's parameters must admit what arrives, or the Deploy stage fails after the
     * pipeline stack was created.
     */
    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyValueThePipelinePassesIsOneTheFunctionStackAdmits(String file) {
        assertNoViolation(file, "functionStackParameters");
    }

    /** The renderer reads no SAM Globals section: one there would change what is measured. */
    @Test
    void theFunctionTemplateHasNoGlobalsTheRendererWouldMiss() {
        assertThat(Template.load(Template.FUNCTION).root).doesNotContainKey("Globals");
    }

    // ------------------------------------------------------------------ the template bodies

    /** The console uploads a template to S3 and sends its URL. */
    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyTemplateFitsWhatCloudFormationTakesFromS3(String file) throws IOException {
        assertThat(Files.size(Template.projectDirectory().resolve(file))).isLessThanOrEqualTo(AwsLimits.TEMPLATE_BODY_IN_S3);
    }

    /**
     * The pipeline's Deploy stage sends the packaged function template; whether CodePipeline sends it
     * inline is not documented, so it stays within the inline limit, which holds either way.
     */
    @Test
    void theFunctionTemplateFitsInlineAsWell() throws IOException {
        assertThat(Files.size(Template.projectDirectory().resolve(Template.FUNCTION)))
                .isLessThanOrEqualTo(AwsLimits.TEMPLATE_BODY_INLINE);
    }

    /** Issue 9, finding 9: the README's `aws cloudformation deploy` sends the template inline. */
    @Test
    void theReadmesShellDeploySendsThePipelineTemplateThroughS3WhenItIsOverTheInlineLimit() throws IOException {
        long size = Files.size(Template.projectDirectory().resolve(Template.PIPELINE));
        List<String> commands = shellCommands(Files.readString(Template.projectDirectory().resolve("README.md")),
                "aws cloudformation deploy");

        assertThat(commands).as("the README shows the shell deploy").isNotEmpty();
        for (String command : commands) {
            if (command.contains(Template.PIPELINE) && size > AwsLimits.TEMPLATE_BODY_INLINE) {
                assertThat(command).as("%s is %d bytes, over the %d bytes `aws cloudformation deploy` may send inline; "
                        + "the command must upload it with --s3-bucket", Template.PIPELINE, size,
                        AwsLimits.TEMPLATE_BODY_INLINE).contains("--s3-bucket");
            }
        }
    }

    // ------------------------------------------------------------------ the deployments

    @Test
    void theDeploymentsReachEveryParametersLongestValueAndEveryAllowedValue() {
        for (String file : TEMPLATES) {
            Template template = Template.load(file);
            List<Deployment> deployments = DEPLOYMENTS.get(file);
            template.parameters().forEach((name, parameter) -> {
                Set<String> seen = new LinkedHashSet<>();
                deployments.forEach(deployment -> seen.add(deployment.parameters().get(name)));
                assertThat(seen).as("%s %s", file, name).containsAll(EXTREMES.get(file).get(name));
                assertThat(seen).as("%s %s: every value is one the template admits", file, name)
                        .allMatch(value -> AdmittedValues.admits(parameter, value));
            });
            Set<Region> regions = new LinkedHashSet<>();
            deployments.forEach(deployment -> regions.add(deployment.region()));
            assertThat(regions).as(file).containsExactlyInAnyOrderElementsOf(REGIONS);
        }
    }

    @Test
    void bothSidesOfEveryConditionAreDeployed() {
        for (String file : TEMPLATES) {
            Template template = Template.load(file);
            for (String condition : template.conditions().keySet()) {
                Set<Boolean> sides = new LinkedHashSet<>();
                for (Deployment deployment : DEPLOYMENTS.get(file)) {
                    sides.add(new WorstCaseRenderer(template, deployment).condition(condition));
                }
                assertThat(sides).as("%s condition %s", file, condition).containsExactlyInAnyOrder(true, false);
            }
        }
    }

    /**
     * The extreme values of each parameter: the product of the values of the parameters the
     * Conditions read (one of each set of values with the same outcome: the sides), in every Region,
     * with every other parameter at its longest; on each side, the product of the parameters of few
     * values, and each other extreme value of each parameter alone. Deployments the Rules refuse
     * are left out.
     */
    static Map<String, List<String>> extremes(Template template) {
        Map<String, List<String>> extremes = new LinkedHashMap<>();
        template.parameters().forEach((name, parameter) ->
                extremes.put(name, AdmittedValues.of(parameter, EXAMPLES.getOrDefault(name, List.of()))));
        return java.util.Collections.unmodifiableMap(extremes);
    }

    static List<Deployment> deployments(Template template, Function<Map<String, String>, String> stackName) {
        Map<String, List<String>> extremes = EXTREMES.get(template.name);
        Map<String, String> longest = new LinkedHashMap<>();
        extremes.forEach((name, values) -> longest.put(name, values.get(0)));

        // the sides of the conditions: of each parameter a Condition reads, one value (the longest) of
        // each set of values that make the same conditions true
        Set<String> conditionParameters = new LinkedHashSet<>();
        for (Template.Reference reference : template.references()) {
            if (reference.path().startsWith("Conditions.") && extremes.containsKey(reference.target())) {
                conditionParameters.add(reference.target());
            }
        }
        List<Map<String, String>> sides = new ArrayList<>();
        sides.add(longest);
        for (String parameter : conditionParameters) {
            Map<List<Boolean>, String> representatives = new LinkedHashMap<>();
            for (String value : extremes.get(parameter)) {
                Map<String, String> with = new LinkedHashMap<>(longest);
                with.put(parameter, value);
                WorstCaseRenderer renderer = new WorstCaseRenderer(template,
                        new Deployment(REGIONS.get(0), ACCOUNT_ID, stackName.apply(with), with));
                List<Boolean> outcome = template.conditions().keySet().stream().map(renderer::condition).toList();
                representatives.putIfAbsent(outcome, value);
            }
            List<Map<String, String>> product = new ArrayList<>();
            for (Map<String, String> side : sides) {
                for (String value : representatives.values()) {
                    Map<String, String> next = new LinkedHashMap<>(side);
                    next.put(parameter, value);
                    product.add(next);
                }
            }
            sides = product;
        }

        // the parameters of few values (at most 4 AllowedValues, or a number's bounds) combined with each
        // other on every side: their interplay (a storage class with a number of days) is a limit too
        List<Map<String, String>> combined = new ArrayList<>(sides);
        for (String parameter : extremes.keySet()) {
            Map<String, Object> declared = template.parameters().get(parameter);
            boolean fewValues = declared.get("AllowedValues") instanceof List<?> allowed ? allowed.size() <= 4
                    : "Number".equals(declared.get("Type"));
            if (!fewValues || conditionParameters.contains(parameter)) {
                continue;
            }
            List<Map<String, String>> product = new ArrayList<>();
            for (Map<String, String> choice : combined) {
                for (String value : extremes.get(parameter)) {
                    Map<String, String> next = new LinkedHashMap<>(choice);
                    next.put(parameter, value);
                    product.add(next);
                }
            }
            combined = product;
        }

        // every side in every Region; the combinations and every other extreme value of every parameter
        // on every side, in one Region
        Set<Deployment> deployments = new LinkedHashSet<>();
        for (Region region : REGIONS) {
            for (Map<String, String> side : sides) {
                deployments.add(new Deployment(region, ACCOUNT_ID, stackName.apply(side), side));
            }
        }
        for (Map<String, String> choice : combined) {
            deployments.add(new Deployment(REGIONS.get(0), ACCOUNT_ID, stackName.apply(choice), choice));
        }
        for (Map<String, String> side : sides) {
            extremes.forEach((name, values) -> values.forEach(value -> {
                Map<String, String> next = new LinkedHashMap<>(side);
                next.put(name, value);
                deployments.add(new Deployment(REGIONS.get(0), ACCOUNT_ID, stackName.apply(next), next));
            }));
        }
        return deployments.stream().filter(deployment -> new WorstCaseRenderer(template, deployment).rulesHold()).toList();
    }

    // ------------------------------------------------------------------ the checks, each over one rendering

    private static List<Violation> inlinePolicies(WorstCaseRenderer renderer, Map<String, Rendered> resources) {
        List<Violation> found = new ArrayList<>();
        for (Rendered role : ofType(resources, "AWS::IAM::Role")) {
            int size = 0;
            for (Object policy : list(role.properties().get("Policies"))) {
                size += AwsLimits.policySize(((Map<?, ?>) policy).get("PolicyDocument"));
            }
            String name = text(renderer.render(Map.of("Ref", role.logicalId())));
            for (Rendered policy : ofType(resources, "AWS::IAM::Policy")) {
                if (list(policy.properties().get("Roles")).contains(name)) {
                    size += AwsLimits.policySize(policy.properties().get("PolicyDocument"));
                }
            }
            found.addAll(atMost("inline policies of a role, white space not counted", role.logicalId(), size,
                    AwsLimits.ROLE_INLINE_POLICIES));
        }
        // SAM gives the function's generated role one inline policy for each statement list in
        // Policies, and one for each EventInvokeConfig destination (aws-sam-translator 1.110 on
        // samTemplate.yaml: FunctionRolePolicy0 and FunctionEventInvokeConfigOnFailureSQSPolicy)
        for (Rendered function : ofType(resources, "AWS::Serverless::Function")) {
            int size = 0;
            for (Object policy : list(function.properties().get("Policies"))) {
                if (policy instanceof Map<?, ?> document) {
                    size += AwsLimits.policySize(document);
                }
            }
            for (Map<String, Object> destination : samDestinations(function)) {
                size += AwsLimits.policySize(destination);
            }
            found.addAll(atMost("inline policies of a role, white space not counted",
                    function.logicalId() + "Role (SAM)", size, AwsLimits.ROLE_INLINE_POLICIES));
        }
        return found;
    }

    private static List<Violation> managedPolicies(WorstCaseRenderer renderer, Map<String, Rendered> resources) {
        List<Violation> found = new ArrayList<>();
        // SAM attaches AWSLambdaBasicExecutionRole, and each policy named in Policies, to the function's role
        for (Rendered function : ofType(resources, "AWS::Serverless::Function")) {
            long named = list(function.properties().get("Policies")).stream().filter(String.class::isInstance).count();
            found.addAll(atMost("managed policies attached to a role", function.logicalId() + "Role (SAM)",
                    1 + (int) named, AwsLimits.MANAGED_POLICIES_PER_ROLE));
        }
        for (Rendered policy : ofType(resources, "AWS::IAM::ManagedPolicy")) {
            found.addAll(atMost("a managed policy, white space not counted", policy.logicalId(),
                    AwsLimits.policySize(policy.properties().get("PolicyDocument")), AwsLimits.MANAGED_POLICY));
        }
        for (Rendered role : ofType(resources, "AWS::IAM::Role")) {
            String name = text(renderer.render(Map.of("Ref", role.logicalId())));
            int attached = list(role.properties().get("ManagedPolicyArns")).size();
            for (Rendered policy : ofType(resources, "AWS::IAM::ManagedPolicy")) {
                if (list(policy.properties().get("Roles")).contains(name)) {
                    attached++;
                }
            }
            found.addAll(atMost("managed policies attached to a role", role.logicalId(), attached,
                    AwsLimits.MANAGED_POLICIES_PER_ROLE));
        }
        return found;
    }

    private static List<Violation> actionConfigurationValues(WorstCaseRenderer renderer, Map<String, Rendered> resources) {
        List<Violation> found = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> action : pipelineActions(resources).entrySet()) {
            Map<?, ?> configuration = (Map<?, ?>) action.getValue().get("Configuration");
            if (configuration == null) {
                continue;
            }
            configuration.forEach((key, value) -> found.addAll(atMost("an action configuration value",
                    action.getKey() + "." + key, String.valueOf(value).length(), AwsLimits.ACTION_CONFIGURATION_VALUE)));
        }
        return found;
    }

    private static List<Violation> names(WorstCaseRenderer renderer, Map<String, Rendered> resources) {
        List<Violation> found = new ArrayList<>();
        for (Rendered resource : resources.values()) {
            AwsLimits.NAME_PROPERTIES.getOrDefault(resource.type(), Map.of()).forEach((property, rule) -> {
                if (resource.properties().get(property) != null) {
                    found.addAll(AwsLimits.name(rule, resource.logicalId() + "." + property,
                            text(resource.properties().get(property))));
                }
            });
            if (resource.type().equals("AWS::SSM::Parameter") && resource.properties().get("Name") != null) {
                String arn = "arn:aws-us-gov:ssm:us-gov-west-1:" + ACCOUNT_ID + ":parameter"
                        + text(resource.properties().get("Name"));
                found.addAll(AwsLimits.PARAMETER_ARN.check(resource.logicalId() + ".Name", arn));
            }
            if (resource.type().startsWith("Custom::")) {
                resource.properties().forEach((property, value) -> {
                    if (property.endsWith("StackName")) {
                        found.addAll(AwsLimits.STACK_NAME.check(resource.logicalId() + "." + property, text(value)));
                    }
                });
            }
            if (resource.type().equals("AWS::Serverless::Function")) {
                Map<?, ?> events = (Map<?, ?>) resource.properties().getOrDefault("Events", Map.of());
                events.forEach((event, definition) -> {
                    Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) definition).get("Properties");
                    if (properties != null && properties.get("Name") != null) {
                        found.addAll(AwsLimits.RULE_NAME.check(resource.logicalId() + ".Events." + event + ".Name",
                                text(properties.get("Name"))));
                    }
                });
            }
        }
        pipelineActions(resources).forEach((action, declaration) -> {
            Map<?, ?> configuration = (Map<?, ?>) declaration.get("Configuration");
            if (configuration == null) {
                return;
            }
            Map<String, NameRule> rules = Map.of("StackName", AwsLimits.STACK_NAME,
                    "ChangeSetName", AwsLimits.CHANGE_SET_NAME);
            rules.forEach((key, rule) -> {
                if (configuration.get(key) != null) {
                    found.addAll(rule.check(action + "." + key, text(configuration.get(key))));
                }
            });
        });
        return found;
    }

    private static List<Violation> lifecycleTransitions(WorstCaseRenderer renderer, Map<String, Rendered> resources) {
        List<Violation> found = new ArrayList<>();
        for (Rendered bucket : ofType(resources, "AWS::S3::Bucket")) {
            Object lifecycle = bucket.properties().get("LifecycleConfiguration");
            List<?> rules = lifecycle instanceof Map<?, ?> configuration ? list(configuration.get("Rules")) : List.of();
            for (Object rule : rules) {
                List<Object> transitions = new ArrayList<>(list(((Map<?, ?>) rule).get("Transitions")));
                Object single = ((Map<?, ?>) rule).get("Transition");
                if (single != null) {
                    transitions.add(single);
                }
                for (Object transition : transitions) {
                    Map<?, ?> declared = (Map<?, ?>) transition;
                    String storageClass = String.valueOf(declared.get("StorageClass"));
                    Object days = declared.get("TransitionInDays");
                    int minimum = AwsLimits.MINIMUM_TRANSITION_DAYS.getOrDefault(storageClass, 0);
                    if (days != null && Double.parseDouble(String.valueOf(days)) < minimum) {
                        found.add(new Violation("a transition to " + storageClass + " after at least " + minimum
                                + " days (" + AwsLimits.TRANSITION_SOURCE + ")", bucket.logicalId() + " rule "
                                + ((Map<?, ?>) rule).get("Id"), (int) Double.parseDouble(String.valueOf(days)), 0, ""));
                    }
                }
            }
        }
        return found;
    }

    /** The function stack's parameters as the pipeline passes them, each checked against samTemplate.yaml's. */
    private static List<Violation> functionStackParameters(WorstCaseRenderer renderer, Map<String, Rendered> resources) {
        List<Violation> found = new ArrayList<>();
        Map<String, Map<String, Object>> declared = FUNCTION_PARAMETERS;
        for (Rendered project : ofType(resources, "AWS::CodeBuild::Project")) {
            Map<?, ?> environment = (Map<?, ?>) project.properties().get("Environment");
            for (Object variable : list(environment == null ? null : environment.get("EnvironmentVariables"))) {
                Map<?, ?> given = (Map<?, ?>) variable;
                if (!"TEMPLATE_CONFIGURATION".equals(given.get("Name"))) {
                    continue;
                }
                String where = project.logicalId() + " TEMPLATE_CONFIGURATION";
                Map<String, String> passed = templateConfigurationParameters(text(given.get("Value")));
                passed.forEach((name, value) -> {
                    Map<String, Object> parameter = declared.get(name);
                    if (parameter == null) {
                        found.add(new Violation("a parameter " + Template.FUNCTION + " declares", where + "." + name,
                                0, 0, value));
                    } else if (!AdmittedValues.admits(parameter, value)) {
                        found.add(new Violation("a value " + Template.FUNCTION + "'s " + name + " admits "
                                + constraints(parameter), where + "." + name, value.length(),
                                parameter.get("MaxLength") instanceof Number max ? max.intValue() : 0, value));
                    }
                });
                declared.forEach((name, parameter) -> {
                    if (!parameter.containsKey("Default") && !passed.containsKey(name)) {
                        found.add(new Violation("every parameter of " + Template.FUNCTION + " without a Default",
                                where + "." + name, 0, 0, "(not passed)"));
                    }
                });
            }
        }
        return found;
    }

    private static final Map<String, Map<String, Object>> FUNCTION_PARAMETERS =
            Template.load(Template.FUNCTION).parameters();

    private static Map<String, String> templateConfigurationParameters(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode parameters =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("Parameters");
            Map<String, String> values = new LinkedHashMap<>();
            parameters.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
            return values;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("TEMPLATE_CONFIGURATION is not JSON: " + json, e);
        }
    }

    private static String constraints(Map<String, Object> parameter) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("AllowedPattern", "MinLength", "MaxLength", "AllowedValues", "MinValue", "MaxValue")) {
            if (parameter.containsKey(key)) {
                given.add(key + " " + parameter.get(key));
            }
        }
        return "(" + String.join(", ", given) + ")";
    }

    private static List<Violation> environments(WorstCaseRenderer renderer, Map<String, Rendered> resources) {
        List<Violation> found = new ArrayList<>();
        for (Rendered function : resources.values()) {
            if (!function.type().equals("AWS::Lambda::Function") && !function.type().equals("AWS::Serverless::Function")) {
                continue;
            }
            Map<?, ?> environment = (Map<?, ?>) function.properties().get("Environment");
            Map<?, ?> variables = environment == null ? Map.of() : (Map<?, ?>) environment.get("Variables");
            found.addAll(atMost("environment variables of a function, keys and values in bytes",
                    function.logicalId(), AwsLimits.environmentSize(variables == null ? Map.of() : variables),
                    AwsLimits.FUNCTION_ENVIRONMENT_BYTES));
        }
        return found;
    }

    // ------------------------------------------------------------------ helpers

    private static final Map<String, BiFunction<WorstCaseRenderer, Map<String, Rendered>, List<Violation>>> CHECKS =
            Map.of("inlinePolicies", DeployLimitsTest::inlinePolicies,
                    "managedPolicies", DeployLimitsTest::managedPolicies,
                    "actionConfigurationValues", DeployLimitsTest::actionConfigurationValues,
                    "names", DeployLimitsTest::names,
                    "environments", DeployLimitsTest::environments,
                    "lifecycleTransitions", DeployLimitsTest::lifecycleTransitions,
                    "functionStackParameters", DeployLimitsTest::functionStackParameters);

    /** What each check found in each template, over all its deployments: each template is rendered once a deployment. */
    private static final Map<String, Map<String, List<String>>> REPORTS = Map.of(
            Template.PIPELINE, reports(Template.PIPELINE), Template.FUNCTION, reports(Template.FUNCTION));

    private static void assertNoViolation(String file, String check) {
        assertThat(REPORTS.get(file).get(check)).as("%s, rendered for %d worst-case deployments", file,
                DEPLOYMENTS.get(file).size()).isEmpty();
    }

    /** Each violation found once, at its worst, with how often and in which deployment. */
    private static Map<String, List<String>> reports(String file) {
        Template template = Template.load(file);
        List<Deployment> deployments = DEPLOYMENTS.get(file);
        Map<String, List<String>> reports = new TreeMap<>();
        Map<String, Map<String, Violation>> worst = new TreeMap<>();
        Map<String, Deployment> worstDeployment = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        CHECKS.keySet().forEach(check -> worst.put(check, new TreeMap<>()));
        for (Deployment deployment : deployments) {
            WorstCaseRenderer renderer = new WorstCaseRenderer(template, deployment);
            Map<String, Rendered> resources = renderer.resources();
            CHECKS.forEach((check, function) -> {
                for (Violation violation : function.apply(renderer, resources)) {
                    String key = violation.where() + ": " + violation.limit();
                    count.merge(check + key, 1, Integer::sum);
                    Violation before = worst.get(check).get(key);
                    if (before == null || violation.measured() > before.measured()) {
                        worst.get(check).put(key, violation);
                        worstDeployment.put(check + key, deployment);
                    }
                }
            });
        }
        Map<String, String> base = deployments.get(0).parameters();
        worst.forEach((check, violations) -> {
            List<String> report = new ArrayList<>();
            violations.forEach((key, violation) -> report.add(violation + "\n      in " + count.get(check + key)
                    + " of " + deployments.size() + " deployments, e.g. " + summary(worstDeployment.get(check + key), base)));
            reports.put(check, List.copyOf(report));
        });
        return Map.copyOf(reports);
    }

    private static List<Violation> atMost(String limit, String where, int measured, int maximum) {
        return measured <= maximum ? List.of() : List.of(new Violation(limit, where, measured, maximum, ""));
    }

    /** The deployment's Region and stack, and each parameter that is not at its longest value. */
    private static String summary(Deployment deployment, Map<String, String> longest) {
        List<String> others = new ArrayList<>();
        new TreeMap<>(deployment.parameters()).forEach((name, value) -> {
            if (!value.equals(longest.get(name))) {
                others.add(name + "='" + AwsLimits.abbreviated(value) + "'");
            }
        });
        return deployment.region() + ", stack " + AwsLimits.abbreviated(deployment.stackName())
                + ", every parameter at its longest" + (others.isEmpty() ? "" : " except " + String.join(", ", others));
    }

    /**
     * The policy SAM adds to a function's role for each of its asynchronous-invocation destinations
     * (SAM's AWS::Serverless::Function DestinationConfig: "SAM adds the needed permissions").
     */
    private static List<Map<String, Object>> samDestinations(Rendered function) {
        Map<String, String> actions = Map.of("SQS", "sqs:SendMessage", "SNS", "sns:publish",
                "Lambda", "lambda:InvokeFunction", "EventBridge", "events:PutEvents");
        List<Map<String, Object>> policies = new ArrayList<>();
        Object config = function.properties().get("EventInvokeConfig");
        Object destinations = config instanceof Map<?, ?> given ? given.get("DestinationConfig") : null;
        if (!(destinations instanceof Map<?, ?> declaredDestinations)) {
            return policies;
        }
        for (Object destination : declaredDestinations.values()) {
            Map<?, ?> declared = (Map<?, ?>) destination;
            String action = actions.get(String.valueOf(declared.get("Type")));
            if (action == null) {
                throw new IllegalArgumentException(function.logicalId() + ": no policy known for a destination of type "
                        + declared.get("Type"));
            }
            policies.add(Map.of("Statement", List.of(Map.of("Action", action, "Effect", "Allow",
                    "Resource", declared.get("Destination")))));
        }
        return policies;
    }

    private static List<Rendered> ofType(Map<String, Rendered> resources, String type) {
        return resources.values().stream().filter(resource -> resource.type().equals(type)).toList();
    }

    /** Every action of every pipeline, named Pipeline.Stage.Action. */
    private static Map<String, Map<?, ?>> pipelineActions(Map<String, Rendered> resources) {
        Map<String, Map<?, ?>> actions = new LinkedHashMap<>();
        for (Rendered pipeline : ofType(resources, "AWS::CodePipeline::Pipeline")) {
            for (Object stage : list(pipeline.properties().get("Stages"))) {
                Map<?, ?> declaredStage = (Map<?, ?>) stage;
                for (Object action : list(declaredStage.get("Actions"))) {
                    Map<?, ?> declaredAction = (Map<?, ?>) action;
                    actions.put(pipeline.logicalId() + "." + declaredStage.get("Name") + "." + declaredAction.get("Name"),
                            declaredAction);
                }
            }
        }
        return actions;
    }

    /** Each shell command of the README's code blocks that starts with the given words, continuation lines joined. */
    static List<String> shellCommands(String readme, String start) {
        List<String> commands = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(start) + "(?:[^\\n]*\\\\\\n)*[^\\n]*").matcher(readme);
        while (matcher.find()) {
            commands.add(matcher.group().trim());
        }
        return commands;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }
}
