/**
 * ARM's error envelope and the codes the emulator answers with. Codes and message shapes follow what Azure
 * Resource Manager sends (`{ "error": { "code", "message" } }`), so the `@azure/arm-*` clients surface them as
 * `RestError`s with the same `code` a user would see against Azure.
 */

/** An error that becomes an ARM error response. Thrown anywhere below the ARM plugin. */
export class ArmError extends Error {
  override name = 'ArmError' as const
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }

  /** The JSON body ARM sends. */
  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } }
  }
}

/** 400 `MissingApiVersionParameter`. */
export function missingApiVersion(): ArmError {
  return new ArmError(
    400,
    'MissingApiVersionParameter',
    "The api-version query parameter (?api-version=) is required for all requests. Add '?api-version=<version>' to the request; the uami emulator accepts any version.",
  )
}

/** 400 `InvalidRequestUri` for paths ARM cannot route. */
export function invalidRequestUri(path: string, why: string): ArmError {
  return new ArmError(400, 'InvalidRequestUri', `The request URI '${path}' is not valid: ${why}.`)
}

/** 400 `InvalidSubscriptionId`. */
export function invalidSubscriptionId(subscriptionId: string): ArmError {
  return new ArmError(
    400,
    'InvalidSubscriptionId',
    `The provided subscription identifier '${subscriptionId}' is malformed or invalid. A subscription ID is a GUID.`,
  )
}

/** 404 `SubscriptionNotFound`. */
export function subscriptionNotFound(subscriptionId: string, known: string): ArmError {
  return new ArmError(
    404,
    'SubscriptionNotFound',
    `The subscription '${subscriptionId}' could not be found. The uami emulator has one subscription: '${known}'.`,
  )
}

/** 404 `ResourceGroupNotFound`. */
export function resourceGroupNotFound(name: string): ArmError {
  return new ArmError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`)
}

/** 404 `ResourceNotFound`, worded as ARM words it. */
export function resourceNotFound(type: string, name: string, resourceGroup: string): ArmError {
  return new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  )
}

/** 400 `InvalidRequestContent` for bodies that are not a JSON object or have ill-typed properties. */
export function invalidRequestContent(why: string): ArmError {
  return new ArmError(
    400,
    'InvalidRequestContent',
    `The request content was invalid and could not be deserialized: ${why}`,
  )
}

/** 400 `NoRegisteredProviderFound` for resource types the emulator does not model. */
export function noRegisteredProvider(
  type: string,
  apiVersion: string,
  modelled: readonly string[],
): ArmError {
  return new ArmError(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for type '${type}' and API version '${apiVersion}'. The uami emulator does not model this resource type; it emulates ${modelled.join(', ')}.`,
  )
}

/** 400 `InvalidResourceName`. */
export function invalidResourceName(name: string, type: string, rule: string): ArmError {
  return new ArmError(
    400,
    'InvalidResourceName',
    `Resource name '${name}' for type '${type}' is invalid. ${rule}`,
  )
}

/** 400 `LocationRequired`. */
export function locationRequired(): ArmError {
  return new ArmError(
    400,
    'LocationRequired',
    'The location property is required for this definition. Add \'location\' (for example "eastus") to the request body.',
  )
}

/** 405 for a method a modelled path does not support. */
export function methodNotAllowed(method: string, path: string, allowed: readonly string[]): ArmError {
  return new ArmError(
    405,
    'MethodNotAllowed',
    `The HTTP method '${method}' is not supported for '${path}'. The uami emulator supports ${allowed.join(', ')} here.`,
    { allow: allowed.join(', ') },
  )
}
