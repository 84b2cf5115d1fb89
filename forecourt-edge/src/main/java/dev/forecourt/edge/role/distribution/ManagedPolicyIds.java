package dev.forecourt.edge.role.distribution;

import java.util.Map;

/**
 * The cloud's IDs of its managed policies, as Terraform and CloudFormation files carry them
 * ({@code cache_policy_id = "658327ea-..."}), by the names this vocabulary uses. An ID names exactly one policy, so
 * it is taken as that policy, with a warning to write the name (which says what the policy is).
 */
final class ManagedPolicyIds {
    private ManagedPolicyIds() {}

    /** A managed policy: its kind, as a behavior key names it, and its name. */
    record Managed(String kind, String name) {
        String describe() {
            return switch (kind) {
                case "cachePolicy" -> "cache policy";
                case "originRequestPolicy" -> "origin request policy";
                default -> "response headers policy";
            } + " " + name;
        }
    }

    static final Map<String, Managed> BY_ID = Map.ofEntries(
            cache("658327ea-f89d-4fab-a63d-7e88639e58f6", "CachingOptimized"),
            cache("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "CachingDisabled"),
            cache("b2884449-e4de-46a7-ac36-70bc7f1ddd6d", "CachingOptimizedForUncompressedObjects"),
            cache("83da9c7e-98b4-4e11-a168-04f0df8e2c65", "UseOriginCacheControlHeaders"),
            cache("4cc15a8a-d715-48a4-82b8-cc0b614638fe", "UseOriginCacheControlHeaders-QueryStrings"),
            origin("216adef6-5c7f-47e4-b989-5492eafa07d3", "AllViewer"),
            origin("b689b0a8-53d0-40ab-baf2-68738e2966ac", "AllViewerExceptHostHeader"),
            origin("33f36d7e-f396-46d9-90e0-52428a34d9dc", "AllViewerAndCloudFrontHeaders-2022-06"),
            origin("88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", "CORS-S3Origin"),
            origin("59781a5b-3903-41f3-afcb-af62929ccde1", "CORS-CustomOrigin"),
            origin("acba4595-bd28-49b8-b9fe-13317c0390fa", "UserAgentRefererHeaders"),
            response("60669652-455b-4ae9-85a4-c4c02393f86c", "SimpleCORS"),
            response("5cc3b908-e619-4b99-88e5-2cf7f45965bd", "CORS-With-Preflight"),
            response("67f7725c-6f97-4210-82d7-5512b31e9d03", "SecurityHeadersPolicy"),
            response("e61eb60c-9c35-4d20-a928-2b84e02af89c", "CORS-and-SecurityHeadersPolicy"),
            response("eaab4381-ed33-4a86-88ca-d9558dc6cd63", "CORS-With-Preflight-and-SecurityHeadersPolicy"));

    private static Map.Entry<String, Managed> cache(String id, String name) {
        return Map.entry(id, new Managed("cachePolicy", name));
    }

    private static Map.Entry<String, Managed> origin(String id, String name) {
        return Map.entry(id, new Managed("originRequestPolicy", name));
    }

    private static Map.Entry<String, Managed> response(String id, String name) {
        return Map.entry(id, new Managed("responseHeadersPolicy", name));
    }
}
