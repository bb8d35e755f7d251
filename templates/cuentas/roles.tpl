{{%AUTOESCAPE context="HTML"}}
<h1>Mi lista de roles</h1>
{{#ACEPTADA}}<p class="exito" role="status" data-k="invitacion-aceptada">Aceptó la invitación: el nuevo rol ya está en esta lista. Elíjalo cuando quiera trabajar con él.</p>{{/ACEPTADA}}
{{#ELIJA}}<p class="notice" role="status">Usted tiene varios roles en el portal. Elija el rol con el que desea trabajar; podrá cambiarlo después con «Cambiar rol».</p>{{/ELIJA}}
<div class="table-wrap" tabindex="0" role="region" aria-label="Mi lista de roles">
<table class="roles">
  <thead><tr><th scope="col">Rol</th><th scope="col">NIT Entidad</th><th scope="col">Entidad</th><th scope="col">Acción</th></tr></thead>
  <tbody>
  {{#ROL}}<tr data-rol="{{ID}}"><td data-k="rol-nombre">{{NOMBRE}}</td><td data-k="rol-nit">{{NIT}}</td><td data-k="rol-entidad">{{ENTIDAD}}</td><td>{{#ACTUAL}}<strong>Rol actual</strong>{{/ACTUAL}}{{#ELEGIR}}<form method="post" action="/roles" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <input type="hidden" name="rol" value="{{ID}}">
      <button type="submit" class="button small primary" aria-label="Elegir {{NOMBRE}}, {{ENTIDAD}}">Elegir</button>
    </form>{{/ELEGIR}}</td></tr>
  {{/ROL}}
  </tbody>
</table>
</div>
