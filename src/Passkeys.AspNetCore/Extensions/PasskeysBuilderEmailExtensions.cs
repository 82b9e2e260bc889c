using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passkeys;
using Passkeys.AspNetCore;
using Passkeys.AspNetCore.Configuration;
using Passkeys.AspNetCore.Email;
using Passkeys.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds sign-in by emailed link and security notices to a <see cref="PasskeysBuilder"/>.
/// </summary>
public static class PasskeysBuilderEmailExtensions
{
    /// <summary>
    /// Adds sign-in by emailed link (the <c>email-login</c> endpoints <c>MapPasskeys()</c> then maps), the notice sent
    /// when a passkey is added, and an <see cref="IPasskeyEmailSender"/> chosen by configuration:
    /// <see cref="SmtpPasskeyEmailSender"/> when <c>Smtp:Host</c> is set, <see cref="PickupDirectoryPasskeyEmailSender"/>
    /// when <c>PickupDirectory</c> is set. An <see cref="IPasskeyEmailSender"/> the app registers itself wins.
    /// </summary>
    /// <param name="builder">The passkeys builder.</param>
    /// <param name="configuration">The configuration section, usually <c>Email</c>.</param>
    /// <returns>The builder.</returns>
    public static PasskeysBuilder AddEmailLogin(this PasskeysBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddEmailLogin(configure: null);
        builder.Services.Configure<PasskeyEmailLoginOptions>(configuration);
        return builder;
    }

    /// <summary>
    /// Adds sign-in by emailed link, the notice sent when a passkey is added, and an <see cref="IPasskeyEmailSender"/>
    /// chosen by <see cref="PasskeyEmailLoginOptions"/>. Calling it again only adds configuration.
    /// </summary>
    /// <param name="builder">The passkeys builder.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static PasskeysBuilder AddEmailLogin(this PasskeysBuilder builder, Action<PasskeyEmailLoginOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<PasskeyEmailLoginOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasskeyEmailLoginOptions>, PasskeyEmailLoginOptionsValidator>());
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EmailLoginQueue>();
        services.TryAddSingleton<EmailOutboxSignal>();
        services.TryAddScoped(EmailOutbox.Choose);
        services.TryAddSingleton<EmailLoginThrottle>();
        services.TryAddSingleton<EmailLinkTokens>();
        services.TryAddSingleton<EmailVerificationTokens>();
        services.TryAddScoped<EmailAddressVerification>();
        services.TryAddSingleton<EmailLoginBindingCookie>();
        services.TryAddScoped(sp => new PasskeyEmailLogin(
            sp.GetRequiredService<EmailLinkTokens>(),
            sp.GetRequiredService<EmailLoginBindingCookie>(),
            sp.GetRequiredService<IPasskeyUserStore>(),
            sp.GetRequiredService<IPasskeyLoginTokenStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PasskeyEmailLogin>>()));
        services.TryAddSingleton<SmtpPasskeyEmailSender>();
        services.TryAddSingleton<PickupDirectoryPasskeyEmailSender>();
        services.TryAddSingleton(ChooseSender);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmailLoginDispatcher>());
        return builder;
    }

    private static IPasskeyEmailSender ChooseSender(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PasskeyEmailLoginOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            return services.GetRequiredService<PickupDirectoryPasskeyEmailSender>();
        }

        if (!string.IsNullOrWhiteSpace(options.Smtp?.Host))
        {
            return services.GetRequiredService<SmtpPasskeyEmailSender>();
        }

        throw new InvalidOperationException(
            "Email login has no way to send email. Set Email:Smtp:Host (with Port, Security, UserName, Password) to send through SMTP, "
            + "or Email:PickupDirectory to write .eml files, or register your own IPasskeyEmailSender.");
    }
}
