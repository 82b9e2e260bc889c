using Microsoft.AspNetCore.Authorization;
using Passkeys.AspNetCore.Endpoints;

namespace Passkeys.AspNetCore.Authorization;

/// <summary>
/// Meets <see cref="PasskeyRecentAuthenticationRequirement"/> when the user's <c>amr</c> is <c>passkey</c> and their
/// <c>auth_time</c> is within the requirement's window (<see cref="PasskeyStepUp"/>).
/// </summary>
internal sealed class PasskeyRecentAuthenticationHandler : AuthorizationHandler<PasskeyRecentAuthenticationRequirement>
{
    private readonly PasskeyStepUp _stepUp;

    public PasskeyRecentAuthenticationHandler(PasskeyStepUp stepUp) => _stepUp = stepUp;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasskeyRecentAuthenticationRequirement requirement)
    {
        if (_stepUp.IsRecent(context.User, requirement.Window))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
