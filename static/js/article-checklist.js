"use strict";
// The pre-publication checklist on the article form, kept up to date as the editor
// types. Without JavaScript it shows the state as last saved; the server decides anyway.
function startChecklist() {
    const list = document.querySelector(".checklist[data-standfirst-length]");
    const form = list && list.closest("form");
    if (!form) {
        return;
    }
    const [shortest, longest] = list.dataset.standfirstLength.split("-").map(Number);
    const allowedSchemes = ["http", "https", "mailto"];

    function value(name) {
        const field = form.elements[name];
        return field && typeof field.value === "string" ? field.value : "";
    }

    function filled(name) {
        return value(name).trim() !== "";
    }

    function hasImage() {
        const input = form.elements.hero_image;
        const cleared = form.elements["hero_image-clear"];
        const current = form.querySelector(".field-hero_image .file-upload a[href]");
        if (input && input.files && input.files.length > 0) {
            return true;
        }
        return Boolean(current) && !(cleared && cleared.checked);
    }

    function sourceCount() {
        const selects = form.querySelectorAll("select[name^='citations-'][name$='-source']");
        return Array.from(selects).filter(function (select) {
            const removed = form.elements[select.name.replace(/-source$/, "-DELETE")];
            return select.value && !(removed && removed.checked);
        }).length;
    }

    function hasEmptyLink(html) {
        const body = new DOMParser().parseFromString(html, "text/html");
        return Array.from(body.querySelectorAll("a")).some(function (link) {
            const href = (link.getAttribute("href") || "").trim();
            const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href);
            const unsafe = scheme && !allowedSchemes.includes(scheme[1].toLowerCase());
            return href === "" || href === "#" || unsafe || link.textContent.trim() === "";
        });
    }

    const checks = {
        title: function () {
            return filled("title");
        },
        standfirst: function () {
            const length = value("standfirst").split(/\s+/).join(" ").trim().length;
            return shortest <= length && length <= longest;
        },
        tags: function () {
            return value("tags").split(",").some(function (name) {
                return name.trim() !== "";
            });
        },
        sources: function () {
            return sourceCount() > 0;
        },
        hero_alt: function () {
            return !hasImage() || filled("hero_alt");
        },
        hero_credit: function () {
            return !hasImage() || filled("hero_credit");
        },
        links: function () {
            return !hasEmptyLink(value("body"));
        },
    };

    function update() {
        list.querySelectorAll("[data-check]").forEach(function (item) {
            const check = checks[item.dataset.check];
            if (!check) {
                return;
            }
            const met = check();
            item.classList.toggle("checklist__item--met", met);
            item.classList.toggle("checklist__item--missing", !met);
            item.querySelector(".checklist__mark").textContent = met ? "✓" : "✗";
            const state = item.querySelector(".checklist__state");
            state.textContent = met ? state.dataset.met : state.dataset.missing;
        });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    document.addEventListener("formset:added", update);
    document.addEventListener("formset:removed", update);
    // The admin's source autocomplete announces its changes through jQuery only.
    if (window.django && window.django.jQuery) {
        window.django.jQuery(form).on("change", update);
    }
    update();
}

// Admin scripts load in the page's head: wait for the form.
if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startChecklist);
} else {
    startChecklist();
}
