using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DemoSite.Pages;

/// <summary>The page shown for errors and for status codes without a body (404, 405); it keeps the status code.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "The site could not finish that request. Please try again.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        switch (status)
        {
            case StatusCodes.Status404NotFound:
                Title = "Page not found";
                Explanation = "There is no page at this address.";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                Title = "Not like that";
                Explanation = "This address does not answer this kind of request.";
                break;
            case StatusCodes.Status400BadRequest:
                Title = "The request is not valid";
                Explanation = "The form may have expired. Go back, reload the page and try again.";
                break;
        }
    }
}
