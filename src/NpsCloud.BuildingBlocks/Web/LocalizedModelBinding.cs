using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// The messages MVC writes itself, before a form's request reaches its validator, in the reader's language
/// and without C# names (issue 19: an empty Turkish sign-up said "The CompanyName field is required."):
/// the model-binding messages (a number that is not one, a missing value) and the required check that
/// MVC adds to every non-nullable string of a form. A field is named by <c>FieldName.{Property}</c> in
/// the form's module texts, else in the building blocks' texts; a field without a name is "this field".
/// </summary>
public sealed class LocalizedModelBinding(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var text = factory.Create(typeof(BuildingBlocksText));
        var messages = options.ModelBindingMessageProvider;
        // The field names MVC passes here are property names: the messages name the value, never the field.
        messages.SetValueMustNotBeNullAccessor(_ => text["Binding.ValueRequired"]);
        messages.SetMissingBindRequiredValueAccessor(_ => text["Binding.ValueRequired"]);
        messages.SetMissingKeyOrValueAccessor(() => text["Binding.ValueRequired"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Binding.BodyRequired"]);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => text["Binding.ValueInvalid", value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["Binding.ValueInvalid", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => text["Binding.UnknownValueInvalid"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Binding.UnknownValueInvalid"]);
        messages.SetValueIsInvalidAccessor(value => text["Binding.ValueInvalid", value]);
        messages.SetValueMustBeANumberAccessor(_ => text["Binding.ValueMustBeANumber"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Binding.ValueMustBeANumber"]);
        options.ModelMetadataDetailsProviders.Add(new RequiredFieldMessages(factory, text));
    }

    /// <summary>The localizer of a form's module: its assembly's <c>{Module}Text</c> class (TenantsText, SurveysText...).</summary>
    public static IStringLocalizer? ModuleText(IStringLocalizerFactory factory, Type formType)
    {
        var key = formType.Assembly.GetTypes().FirstOrDefault(t =>
            t.Name.EndsWith("Text", StringComparison.Ordinal) && t.Namespace == formType.Assembly.GetName().Name && !t.IsNested);
        return key is null ? null : factory.Create(key);
    }

    /// <summary>Gives MVC's implicit [Required] (a non-nullable string of a form) a message in the reader's language.</summary>
    private sealed class RequiredFieldMessages(IStringLocalizerFactory factory, IStringLocalizer text) : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            if (context.Key.ContainerType is not { } form || context.Key.Name is not { } property) return;
            var validators = context.ValidationMetadata.ValidatorMetadata;
            for (var i = 0; i < validators.Count; i++)
            {
                if (validators[i] is RequiredAttribute { ErrorMessage: null, ErrorMessageResourceType: null } required and not LocalizedRequiredAttribute)
                {
                    validators[i] = new LocalizedRequiredAttribute(ModuleText(factory, form), text, property) { AllowEmptyStrings = required.AllowEmptyStrings };
                }
            }
        }
    }

    private sealed class LocalizedRequiredAttribute(IStringLocalizer? module, IStringLocalizer text, string property) : RequiredAttribute
    {
        public override string FormatErrorMessage(string name)
        {
            var field = Named(module) ?? Named(text);
            return field is null ? text["Validation.RequiredField"] : text["Validation.Required", field];
        }

        private string? Named(IStringLocalizer? localizer) =>
            localizer?[$"FieldName.{property}"] is { ResourceNotFound: false } named ? named.Value : null;
    }
}
